package earkit.reference.protocol;

import earkit.reference.clients.ClientConnection;
import earkit.reference.clients.ClientConnections;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The one port of the reference (HTTP/1.1 with keep-alive, on 127.0.0.1). Each TCP connection gets an
 * id, because DynamoDB caches table keys per client connection; closing a connection is reported so
 * that its cache entries go with it.
 */
public final class FrontDoor implements AutoCloseable {
    /** AWS's largest JSON request (BatchWriteItem) is 16 MB; anything beyond is refused unread. */
    public static final int MAX_BODY = 16 * 1024 * 1024 + 64 * 1024;
    private static final String ENCODER = "http-encoder";

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup io;
    // Handlers block (storage, locks, a KMS elsewhere). When one may wait for another request to this port
    // (a KMS that relays back here), a pool binding each connection to one thread (Netty's
    // DefaultEventExecutorGroup) can deadlock when that request lands on the waiting thread, so then every
    // request runs on a thread of its own from a growing pool.
    private final ExecutorService workers; // null when requests are answered inline
    private final Channel channel;

    /**
     * @param inline answer each request on the I/O thread that read it (no hand-over between threads, which
     *               cost a third or more of the reference's CPU per call); only when no handler waits for another
     *               request to this port. Otherwise requests run on worker threads.
     */
    public FrontDoor(String host, int port, Router router, Consumer<String> connectionClosed, boolean inline,
                     ClientConnections clients) {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty's default samples one buffer in 128 with a stack trace; the front door's buffers are the
            // request Netty releases and the answer it writes. The property still turns it on for a hunt.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        // Inline, a blocked handler holds up the other connections of its I/O thread: several threads share the load.
        this.io = new NioEventLoopGroup(inline ? Math.max(4, 2 * Runtime.getRuntime().availableProcessors()) : 2);
        this.workers = inline ? null : Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "earkit-request");
            t.setDaemon(true);
            return t;
        });
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Netty's encoder writes only what Netty itself answers (100 Continue, an oversized body);
                        // the router's answers leave as bytes written past it (Handler.answer).
                        ch.pipeline().addLast(ENCODER, new HttpResponseEncoder());
                        ch.pipeline().addLast(new HttpRequestDecoder(8192, 64 * 1024, 64 * 1024));
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY) {
                            @Override
                            protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
                                byte[] body = ("{\"__type\":\"com.amazon.coral.service#SerializationException\",\"Message\":\"Request body exceeds "
                                        + MAX_BODY + " bytes\"}").getBytes(StandardCharsets.UTF_8);
                                FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
                                r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-amz-json-1.0");
                                r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                                closeAfter(ctx, ctx.writeAndFlush(r));
                            }
                        });
                        ch.pipeline().addLast(new Handler(router, connectionClosed, workers, clients));
                    }
                });
        this.channel = b.bind(host, port).syncUninterruptibly().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /**
     * Ends a connection whose request was refused before it was fully read. Closing at once would reset the
     * connection while the client is still sending, and a reset discards the answer before the client reads
     * it; so only the sending side is shut, the rest of the request is drained, and the socket closes when
     * the client closes it (or after a few seconds).
     */
    static void closeAfter(ChannelHandlerContext ctx, io.netty.channel.ChannelFuture written) {
        written.addListener(f -> {
            if (ctx.channel() instanceof SocketChannel s && s.isActive()) {
                s.shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), 5, java.util.concurrent.TimeUnit.SECONDS);
            } else {
                ctx.close();
            }
        });
    }

    /**
     * A request's headers as the router reads them (by lower-case name, every value), looked up in Netty's own
     * headers, whose look-up ignores case: a request uses a dozen of them, so none is copied ahead.
     */
    static final class HeaderView extends AbstractMap<String, List<String>> {
        private final HttpHeaders headers;

        HeaderView(HttpHeaders headers) {
            this.headers = headers;
        }

        @Override
        public List<String> get(Object name) {
            if (!(name instanceof String n)) {
                return null;
            }
            List<String> values = headers.getAll(n);
            return values.isEmpty() ? null : values;
        }

        @Override
        public boolean containsKey(Object name) {
            return name instanceof String n && headers.contains(n);
        }

        @Override
        public Set<Entry<String, List<String>>> entrySet() {
            Map<String, List<String>> all = new LinkedHashMap<>();
            for (Map.Entry<String, String> h : headers) {
                all.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
            }
            return all.entrySet();
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private static final int CRLF = ('\r' << 8) | '\n';
        private static final int COLON_SPACE = (':' << 8) | ' ';
        private final Router router;
        private final Consumer<String> connectionClosed;
        private final ExecutorService workers; // null: answer on the I/O thread
        private final ClientConnections clients;
        // A handler serves one connection: its id and peer are worked out at its first request, not at each.
        private String connectionId;
        private String remoteIp;
        private ClientConnection counts;

        Handler(Router router, Consumer<String> connectionClosed, ExecutorService workers, ClientConnections clients) {
            this.router = router;
            this.connectionClosed = connectionClosed;
            this.workers = workers;
            this.clients = clients;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            Map<String, List<String>> headers = new HeaderView(req.headers());
            if (connectionId == null) {
                InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
                remoteIp = remote == null ? "127.0.0.1" : remote.getAddress().getHostAddress();
                connectionId = ctx.channel().id().asLongText();
                counts = clients.opened();
            }
            counts.request();
            if (!counts.identified()) {
                counts.identify(req.headers().get(HttpHeaderNames.AUTHORIZATION), req.headers().get(HttpHeaderNames.USER_AGENT));
            }
            HttpCall call = new HttpCall(req.method().name(), req.uri(), headers, ByteBufUtil.getBytes(req.content()),
                    connectionId, remoteIp);
            if (!req.decoderResult().isSuccess()) {
                // After a decoding failure Netty's decoder discards the rest of the connection's bytes, so a
                // kept-alive connection would swallow the client's next request: answer, then close.
                HttpAnswer refusal = Router.error(ApiException.serialization("Malformed HTTP request: "
                                + req.decoderResult().cause().getMessage()), "application/x-amz-json-1.0",
                        "com.amazon.coral.service#", ctx.channel().id().asShortText());
                closeAfter(ctx, ctx.pipeline().context(ENCODER).writeAndFlush(response(ctx.alloc(), refusal, false, true)));
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            boolean body = !HttpMethod.HEAD.equals(req.method());
            ClientConnection connection = counts;
            if (workers == null) {
                answer(ctx, handle(connection, call), keepAlive, body);
            } else {
                workers.execute(() -> answer(ctx, handle(connection, call), keepAlive, body));
            }
        }

        /** The router's answer; the KMS calls the store makes meanwhile are charged to the connection. */
        private HttpAnswer handle(ClientConnection connection, HttpCall call) {
            clients.answering(connection);
            try {
                return router.handle(call);
            } finally {
                clients.answered();
            }
        }

        private static void answer(ChannelHandlerContext ctx, HttpAnswer answer, boolean keepAlive, boolean body) {
            ChannelFuture written = ctx.pipeline().context(ENCODER).writeAndFlush(response(ctx.alloc(), answer, keepAlive, body));
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        /**
         * The whole answer, status line, headers and body, in one buffer: one write to the socket, and none of the
         * header objects and validation Netty's encoder would spend on headers the router itself composed. An
         * answer to HEAD has the length of its body but not the body.
         */
        private static ByteBuf response(ByteBufAllocator alloc, HttpAnswer answer, boolean keepAlive, boolean withBody) {
            byte[] body = answer.body();
            ByteBuf out = alloc.ioBuffer(256 + body.length);
            HttpResponseStatus status = HttpResponseStatus.valueOf(answer.status());
            ByteBufUtil.writeAscii(out, "HTTP/1.1 ");
            ByteBufUtil.writeAscii(out, status.codeAsText());
            out.writeByte(' ');
            ByteBufUtil.writeAscii(out, status.reasonPhrase());
            out.writeShort(CRLF);
            answer.headers().forEach((name, value) -> header(out, name, value));
            header(out, "Content-Length", Integer.toString(body.length));
            header(out, "Connection", keepAlive ? "keep-alive" : "close");
            out.writeShort(CRLF);
            return withBody ? out.writeBytes(body) : out;
        }

        private static void header(ByteBuf out, String name, String value) {
            ByteBufUtil.writeAscii(out, name);
            out.writeShort(COLON_SPACE);
            ByteBufUtil.writeAscii(out, value);
            out.writeShort(CRLF);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            connectionClosed.accept(ctx.channel().id().asLongText());
            if (counts != null) {
                clients.closed(counts);
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
