using Terminal.Core.Link;
using Terminal.Hal;
using Xunit;

namespace Terminal.Messages.Tests.Link;

public class SerialFramerTests
{
    // "ABC" framed: STX, length 0003 in BCD, data, ETX, LRC = 00^03^41^42^43^03 = 0x40.
    private const string AbcFrame = "02" + "0003" + "414243" + "03" + "40";

    private readonly RecordingWriter _line = new();

    private SerialFramer NewFramer() => new(_line, 256, ackTimeoutMs: 2000, interByteTimeoutMs: 300);

    private static byte[] B(string hex) => Convert.FromHexString(hex);

    [Fact]
    public void Sending_writes_STX_BCD_length_data_ETX_and_LRC()
    {
        var framer = NewFramer();

        Assert.True(framer.Send("ABC"u8.ToArray(), 0, 3, 0));

        Assert.Equal(AbcFrame, _line.Hex());
        Assert.Equal(SerialSendState.AwaitingAck, framer.SendState);
    }

    [Fact]
    public void A_length_of_123_is_sent_as_BCD_01_23()
    {
        var framer = NewFramer();

        framer.Send(new byte[123], 0, 123, 0);

        Assert.Equal("020123", _line.Hex()[..6]);
    }

    [Fact]
    public void An_ACK_marks_the_frame_delivered()
    {
        var framer = NewFramer();
        framer.Send("ABC"u8.ToArray(), 0, 3, 0);

        framer.Feed([SerialFramer.Ack], 0, 1, 10);

        Assert.Equal(SerialSendState.Delivered, framer.SendState);
        Assert.Equal(1, framer.Attempts);
    }

    [Fact]
    public void A_NAK_makes_the_sender_retransmit_the_same_frame()
    {
        var framer = NewFramer();
        framer.Send("ABC"u8.ToArray(), 0, 3, 0);
        _line.Clear();

        framer.Feed([SerialFramer.Nak], 0, 1, 10);

        Assert.Equal(AbcFrame, _line.Hex());
        Assert.Equal((2, 1), (framer.Attempts, framer.Retransmissions));
        Assert.Equal(SerialSendState.AwaitingAck, framer.SendState);
    }

    [Fact]
    public void No_ACK_within_the_timeout_retransmits()
    {
        var framer = NewFramer();
        framer.Send("ABC"u8.ToArray(), 0, 3, 0);
        _line.Clear();

        Assert.Equal(2000, framer.Poll(1999));
        Assert.Equal(string.Empty, _line.Hex());
        framer.Poll(2000);

        Assert.Equal(AbcFrame, _line.Hex());
        Assert.Equal(1, framer.AckTimeouts);
    }

    [Fact]
    public void The_sender_gives_up_after_three_retransmissions()
    {
        var framer = NewFramer();
        framer.Send("ABC"u8.ToArray(), 0, 3, 0);

        for (int i = 1; i <= 3; i++)
        {
            framer.Feed([SerialFramer.Nak], 0, 1, i);
        }

        Assert.Equal(SerialSendState.AwaitingAck, framer.SendState);
        framer.Poll(10_000);

        Assert.Equal(SerialSendState.Failed, framer.SendState);
        Assert.Equal((4, 3), (framer.Attempts, framer.Retransmissions));
        Assert.Equal(4 * (AbcFrame.Length / 2), _line.Bytes.Count);
    }

    [Fact]
    public void A_good_frame_is_delivered_and_ACKed()
    {
        var framer = NewFramer();

        framer.Feed(B(AbcFrame), 0, AbcFrame.Length / 2, 0);

        Assert.True(framer.FrameReady);
        Assert.Equal("414243", Convert.ToHexString(framer.Frame, 0, framer.FrameLength));
        Assert.Equal("06", _line.Hex());
    }

    [Fact]
    public void A_frame_with_a_wrong_LRC_is_NAKed_and_not_delivered()
    {
        var framer = NewFramer();

        framer.Feed(B("02000341424303" + "41"), 0, 8, 0);

        Assert.False(framer.FrameReady);
        Assert.Equal("15", _line.Hex());
        Assert.Equal(1, framer.BadFrames);
    }

    [Fact]
    public void A_frame_without_ETX_is_NAKed()
    {
        var framer = NewFramer();

        framer.Feed(B("020003414243" + "04" + "40"), 0, 8, 0);

        Assert.False(framer.FrameReady);
        Assert.Equal("15", _line.Hex());
    }

    [Fact]
    public void A_length_that_is_not_BCD_is_NAKed()
    {
        var framer = NewFramer();

        framer.Feed(B("020A"), 0, 2, 0);

        Assert.Equal("15", _line.Hex());
    }

    [Fact]
    public void A_partial_frame_silent_past_the_inter_byte_timeout_is_discarded_and_the_next_frame_arrives()
    {
        var framer = NewFramer();
        framer.Feed(B("02000341"), 0, 4, 0);

        Assert.Equal(300, framer.Poll(100));
        framer.Poll(300);
        framer.Feed(B(AbcFrame), 0, AbcFrame.Length / 2, 400);

        Assert.Equal(1, framer.InterByteTimeouts);
        Assert.True(framer.FrameReady);
        Assert.Equal("414243", Convert.ToHexString(framer.Frame, 0, framer.FrameLength));
    }

    [Fact]
    public void A_new_send_is_refused_while_one_awaits_its_ACK()
    {
        var framer = NewFramer();
        framer.Send("ABC"u8.ToArray(), 0, 3, 0);

        Assert.False(framer.Send("DEF"u8.ToArray(), 0, 3, 1));
    }

    [Fact]
    public void An_ACK_nobody_waits_for_is_counted_as_stray()
    {
        var framer = NewFramer();

        framer.Feed([SerialFramer.Ack], 0, 1, 0);

        Assert.Equal(1, framer.StrayControls);
        Assert.Equal(Deadline.Never, framer.Poll(1));
    }
}
