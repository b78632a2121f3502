package earkit.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The ceiling of the machine: an HTTP/1.1 endpoint that answers every call with the same bytes, an
 * empty AWS JSON object. Only the HTTP framing is decoded (to know where a request ends); no body is
 * parsed, no signature checked, nothing stored or encrypted. TCP_NODELAY and keep-alive, as the reference.
 * Usage: {@code NoopServer PORT}; prints {@code listening PORT} when ready.
 */
public final class NoopServer {
    private static final byte[] CANNED = ("HTTP/1.1 200 OK\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\n"
            + "x-amzn-RequestId: 00000000-0000-0000-0000-000000000000\r\n"
            + "Connection: keep-alive\r\n"
            + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private NoopServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup io = new NioEventLoopGroup(2);
        ByteBuf canned = Unpooled.unreleasableBuffer(Unpooled.directBuffer(CANNED.length).writeBytes(CANNED));
        ByteBuf proceed = Unpooled.unreleasableBuffer(Unpooled.directBuffer(CONTINUE.length).writeBytes(CONTINUE));
        Channel ch = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        // Decode framing only; the response leaves as raw bytes (no encoder in the pipeline).
                        c.pipeline().addLast(new HttpRequestDecoder());
                        c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                // The SDK's Apache client sends "Expect: 100-continue" with every body and
                                // waits for the interim answer, as any HTTP/1.1 server (the reference too) gives it.
                                if (msg instanceof HttpRequest req && HttpUtil.is100ContinueExpected(req)) {
                                    ctx.channel().writeAndFlush(proceed.duplicate());
                                }
                                boolean end = msg instanceof LastHttpContent;
                                ReferenceCountUtil.release(msg);
                                if (end) {
                                    ctx.channel().writeAndFlush(canned.duplicate());
                                }
                            }
                        });
                    }
                })
                .bind("127.0.0.1", Integer.parseInt(args[0])).sync().channel();
        System.out.println("listening " + ((InetSocketAddress) ch.localAddress()).getPort());
        System.out.flush();
        ch.closeFuture().sync();
    }
}
