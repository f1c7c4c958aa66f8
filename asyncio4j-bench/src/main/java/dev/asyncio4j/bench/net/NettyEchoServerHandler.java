package dev.asyncio4j.bench.net;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The echo handler of {@link NettyEchoServer}, as in Netty's own example
 * ({@code io.netty.example.echo.EchoServerHandler}): each buffer read is written back, and the
 * writes are flushed once per batch of reads. One instance serves every channel. Runs on the
 * channel's event loop.
 */
@Sharable
public final class NettyEchoServerHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Close the connection when an exception is raised (the example also prints it; a client
        // resetting its connection at the end of a run is no news here).
        ctx.close();
    }
}
