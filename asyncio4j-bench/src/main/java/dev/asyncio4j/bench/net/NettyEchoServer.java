package dev.asyncio4j.bench.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * The Netty 4.2 echo server of the echo benchmark: the JVM's reference event loop, written the way
 * Netty's own {@code io.netty.example.echo.EchoServer} is, with the NIO transport and one
 * event-loop thread for both accepting and serving (the example's boss and worker groups are one
 * single-threaded group here, as asyncio4j runs one loop). No TLS, no logging handler. Listens on
 * 127.0.0.1 on a port the OS chooses, prints {@code port N} and runs until killed.
 */
public final class NettyEchoServer {

    private NettyEchoServer() {}

    public static void main(String[] args) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel channel = start(group, () -> {});
            EchoServers.announce(((InetSocketAddress) channel.localAddress()).getPort());
            channel.closeFuture().sync();
        } finally {
            group.shutdownGracefully().sync();
        }
    }

    /**
     * Binds the server on {@code group}, running {@code onConnection} on the event loop for each
     * accepted connection before its pipeline gets the shared {@link NettyEchoServerHandler} (the
     * idle-connections benchmark counts connections so).
     *
     * @return the listening channel
     */
    static Channel start(EventLoopGroup group, Runnable onConnection) throws InterruptedException {
        NettyEchoServerHandler handler = new NettyEchoServerHandler();
        ServerBootstrap bootstrap = new ServerBootstrap();
        bootstrap.group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    public void initChannel(SocketChannel ch) {
                        onConnection.run();
                        ch.pipeline().addLast(handler);
                    }
                });
        return bootstrap.bind(EchoServers.HOST, 0).sync().channel();
    }
}
