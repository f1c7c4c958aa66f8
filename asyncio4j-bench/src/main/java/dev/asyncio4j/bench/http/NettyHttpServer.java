package dev.asyncio4j.bench.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import java.net.InetSocketAddress;

/**
 * The Netty 4.2 HTTP server of the http-server benchmark, written the way Netty's own
 * {@code io.netty.example.http.helloworld.HttpHelloWorldServer} is: {@code HttpServerCodec},
 * {@code HttpServerExpectContinueHandler} and a handler answering each request with a
 * {@code DefaultFullHttpResponse}, flushing on read-complete. The NIO transport and one
 * event-loop thread for accepting and serving (the example's two groups are one single-threaded
 * group here, as asyncio4j runs one loop). The body is the benchmark's JSON, serialised with
 * Jackson per request as asyncio4j's server does. Listens on 127.0.0.1 on a port the OS chooses,
 * prints {@code port N} and runs until killed.
 */
public final class NettyHttpServer {

    private NettyHttpServer() {
    }

    public static void main(String[] args) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            ServerBootstrap b = new ServerBootstrap();
            b.option(ChannelOption.SO_BACKLOG, 4096);
            b.group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        public void initChannel(SocketChannel ch) {
                            ChannelPipeline p = ch.pipeline();
                            p.addLast(new HttpServerCodec());
                            p.addLast(new HttpServerExpectContinueHandler());
                            p.addLast(new NettyHttpServerHandler());
                        }
                    });
            Channel ch = b.bind(JsonPayload.HOST, 0).sync().channel();
            JsonPayload.announce(((InetSocketAddress) ch.localAddress()).getPort());
            ch.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }
}
