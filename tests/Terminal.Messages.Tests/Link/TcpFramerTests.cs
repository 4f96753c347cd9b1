using Terminal.Core.Link;
using Terminal.Hal;
using Xunit;

namespace Terminal.Messages.Tests.Link;

public class TcpFramerTests
{
    [Fact]
    public void A_frame_fed_one_byte_at_a_time_comes_out_whole()
    {
        var framer = new TcpFramer(64, 1000);
        byte[] wire = [0x00, 0x03, 0xAA, 0xBB, 0xCC];

        for (int i = 0; i < wire.Length; i++)
        {
            Assert.Equal(1, framer.Feed(wire, i, 1, i));
        }

        Assert.True(framer.FrameReady);
        Assert.Equal("AABBCC", Convert.ToHexString(framer.Frame, 0, framer.FrameLength));
    }

    [Fact]
    public void Two_frames_in_one_read_come_out_one_after_the_other()
    {
        var framer = new TcpFramer(64, 1000);
        byte[] wire = [0x00, 0x01, 0x11, 0x00, 0x02, 0x22, 0x33];

        int used = framer.Feed(wire, 0, wire.Length, 0);
        Assert.Equal(3, used);
        Assert.Equal("11", Convert.ToHexString(framer.Frame, 0, framer.FrameLength));
        Assert.Equal(0, framer.Feed(wire, used, wire.Length - used, 0)); // nothing taken while a frame waits
        framer.Release();
        used += framer.Feed(wire, used, wire.Length - used, 0);

        Assert.Equal(wire.Length, used);
        Assert.Equal("2233", Convert.ToHexString(framer.Frame, 0, framer.FrameLength));
    }

    [Fact]
    public void The_prefix_is_the_length_big_endian()
    {
        var buffer = new byte[2];

        TcpFramer.WritePrefix(buffer, 0, 0x0123);

        Assert.Equal("0123", Convert.ToHexString(buffer));
    }

    [Fact]
    public void A_frame_longer_than_the_buffer_is_skipped_and_the_next_one_still_arrives()
    {
        var framer = new TcpFramer(4, 1000);
        byte[] wire = [0x00, 0x05, 1, 2, 3, 4, 5, 0x00, 0x01, 0x77];

        int used = framer.Feed(wire, 0, wire.Length, 0);

        Assert.Equal(wire.Length, used);
        Assert.Equal(1, framer.Oversized);
        Assert.Equal("77", Convert.ToHexString(framer.Frame, 0, framer.FrameLength));
    }

    [Fact]
    public void A_partial_frame_silent_past_the_inter_byte_timeout_is_discarded()
    {
        var framer = new TcpFramer(64, 500);
        framer.Feed([0x00, 0x04, 0x01], 0, 3, 0);

        Assert.Equal(500, framer.Poll(100));
        Assert.Equal(Deadline.Never, framer.Poll(500));
        framer.Feed([0x00, 0x01, 0x42], 0, 3, 600);

        Assert.Equal(1, framer.TimedOut);
        Assert.Equal("42", Convert.ToHexString(framer.Frame, 0, framer.FrameLength));
    }
}
