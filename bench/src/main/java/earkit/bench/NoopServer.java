package earkit.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;

/**
 * The ceiling of the machine: an HTTP/1.1 endpoint that answers every call with canned bytes, shaped as
 * the answer of the operation its {@code X-Amz-Target} names (GetItem: the benchmark's 1 KB item; Query: a
 * page of that one item; anything else an empty AWS JSON object), so that the client parses what it parses
 * against a real store and the ratio to this ceiling measures the server alone. Only the HTTP framing is
 * decoded (to know where a request ends); no body is parsed, no signature checked, nothing stored or
 * encrypted. TCP_NODELAY and keep-alive, as the reference.
 * Usage: {@code NoopServer PORT}; prints {@code listening PORT} when ready.
 */
public final class NoopServer {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private NoopServer() {
    }

    /** A complete HTTP answer with {@code body}, as bytes to write as they are. */
    static ByteBuf canned(String body) {
        byte[] b = ("HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "x-amzn-RequestId: 00000000-0000-0000-0000-000000000000\r\n"
                + "Connection: keep-alive\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(b.length).writeBytes(b));
    }

    /** The benchmark's item as DynamoDB JSON (every attribute of it is a string). */
    static String itemJson() {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        Workload.item(0).forEach((name, value) -> item.putObject(name).put("S", value.s()));
        return item.toString();
    }

    public static void main(String[] args) throws InterruptedException {
        String item = itemJson();
        Map<String, ByteBuf> answers = Map.of(
                "DynamoDB_20120810.GetItem", canned("{\"Item\":" + item + "}"),
                "DynamoDB_20120810.Query", canned("{\"Count\":1,\"Items\":[" + item + "],\"ScannedCount\":1}"));
        ByteBuf empty = canned("{}");
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup io = new NioEventLoopGroup(2);
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
                            private ByteBuf answer = empty;

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof HttpRequest req) {
                                    String target = req.headers().get("X-Amz-Target");
                                    answer = target == null ? empty : answers.getOrDefault(target, empty);
                                    // The SDK's Apache client may send "Expect: 100-continue" and wait for the
                                    // interim answer, as any HTTP/1.1 server (the reference too) gives it.
                                    if (HttpUtil.is100ContinueExpected(req)) {
                                        ctx.channel().writeAndFlush(proceed.duplicate());
                                    }
                                }
                                boolean end = msg instanceof LastHttpContent;
                                ReferenceCountUtil.release(msg);
                                if (end) {
                                    ctx.channel().writeAndFlush(answer.duplicate());
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
