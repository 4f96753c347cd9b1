using System.Text;
using Terminal.Drivers.Magstripe;
using Terminal.Drivers.Simulated.Magstripe;
using Terminal.Drivers.Simulated.Random;
using Terminal.Hal;
using Xunit;

namespace Terminal.Drivers.Tests.Magstripe;

public sealed class MagstripeReaderTests : IDisposable
{
    private const int Cls = 32, Rcp = 33, Rdp = 34;
    private const string Track = "6222600110022008345=30122011234500000";

    private readonly LoopRig _rig = new();
    private readonly MagstripeModel _card;
    private readonly MagstripeReader _reader;

    public MagstripeReaderTests()
    {
        _card = new MagstripeModel(_rig.Gpio, _rig.Time, Cls, Rcp, Rdp, new SeededRandom(11));
        _reader = new MagstripeReader(_rig.Gpio, Cls, Rcp, Rdp);
        _rig.Loop.AddPolled(_reader);
        _reader.Start(_rig.Sink);
        _rig.RunFor(10);
    }

    public void Dispose() => _reader.Dispose();

    [Theory]
    [InlineData(100)]
    [InlineData(500)]
    [InlineData(1500)]
    public void A_good_swipe_posts_one_good_read_and_yields_track_2(int speed)
    {
        Swipe(new SwipeOptions { SpeedMmPerS = speed });

        Assert.Equal([(EventKind.CardSwiped, MagstripeReader.Track2, 1)], Swiped());
        Assert.Equal(Track, TakeTrack2());
    }

    [Fact]
    public void The_read_is_posted_when_the_card_present_line_is_released_not_before()
    {
        long releaseMs = _card.Swipe(Track);
        _rig.RunFor(releaseMs - _rig.Time.NowMs - 5);
        Assert.Empty(Swiped());

        _rig.RunFor(10);

        var swiped = Assert.Single(_rig.Events, e => e.Kind == EventKind.CardSwiped);
        Assert.Equal(releaseMs, swiped.TimeMs);
    }

    [Fact]
    public void A_card_swiped_the_other_way_reads_the_same_track()
    {
        Swipe(new SwipeOptions { Reverse = true });

        Assert.Equal(1, Swiped().Single().Arg);
        Assert.True(_reader.LastReadReversed);
        Assert.Equal(Track, TakeTrack2());
    }

    [Fact]
    public void A_parity_error_asks_for_another_swipe()
    {
        Swipe(new SwipeOptions { FlipBitsAt = [5 * 6 + 4] }); // the parity bit of the sixth character

        Assert.Equal(0, Swiped().Single().Arg);
        Assert.Equal(MagstripeReader.ErrorParity, _reader.LastError);
        Assert.Equal(ReaderStatus.NoCard, _reader.TakeTrack2(new byte[40], 0));
    }

    [Fact]
    public void A_wrong_lrc_asks_for_another_swipe()
    {
        Swipe(new SwipeOptions { CorruptLrc = true });

        Assert.Equal(0, Swiped().Single().Arg);
        Assert.Equal(MagstripeReader.ErrorLrc, _reader.LastError);
    }

    [Fact]
    public void A_reverse_swipe_with_a_parity_error_is_still_refused()
    {
        Swipe(new SwipeOptions { Reverse = true, FlipBitsAt = [5 * 3 + 1] });

        Assert.Equal(0, Swiped().Single().Arg);
        Assert.Equal(MagstripeReader.ErrorParity, _reader.LastError);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    [InlineData(4, 3)]
    [InlineData(5, 5)]
    public void Noise_on_the_stripe_never_yields_a_wrong_track_only_a_swipe_again(long seed, int flips)
    {
        var rig = new LoopRig();
        var card = new MagstripeModel(rig.Gpio, rig.Time, Cls, Rcp, Rdp, new SeededRandom(seed));
        using var reader = new MagstripeReader(rig.Gpio, Cls, Rcp, Rdp);
        rig.Loop.AddPolled(reader);
        reader.Start(rig.Sink);
        long release = card.Swipe(Track, new SwipeOptions { NoiseBits = flips });
        rig.RunFor(release - rig.Time.NowMs + 10);

        Assert.Equal(0, rig.Events.Single(e => e.Kind == EventKind.CardSwiped).Arg);
        Assert.Equal(ReaderStatus.NoCard, reader.TakeTrack2(new byte[40], 0));
    }

    [Fact]
    public void A_card_without_a_readable_start_sentinel_is_a_bad_read_not_a_crash()
    {
        Swipe(new SwipeOptions { FlipBitsAt = [0] });

        Assert.Equal(0, Swiped().Single().Arg);
        Assert.Empty(_rig.Faults);
    }

    [Fact]
    public void A_swipe_longer_than_the_bit_buffer_is_a_bad_read_not_an_overrun()
    {
        Swipe(new SwipeOptions { PaddingZeros = 1_500 });

        Assert.Equal(0, Swiped().Single().Arg);
        Assert.True(_reader.LastSwipeOverflowed);
        Assert.Empty(_rig.Faults);
    }

    [Fact]
    public void After_a_bad_swipe_the_next_good_one_reads()
    {
        Swipe(new SwipeOptions { CorruptLrc = true });
        Swipe(new SwipeOptions());

        Assert.Equal([0, 1], Swiped().Select(e => e.Arg));
        Assert.Equal(Track, TakeTrack2());
    }

    [Fact]
    public void Taking_track_2_wipes_it_and_the_raw_bits_from_the_driver()
    {
        Swipe(new SwipeOptions());
        Assert.True(_reader.HoldsCardData);

        TakeTrack2();

        Assert.False(_reader.HoldsCardData);
        Assert.Equal(ReaderStatus.NoCard, _reader.TakeTrack2(new byte[40], 0));
    }

    [Fact]
    public void A_buffer_too_small_gets_nothing_and_the_track_is_wiped_all_the_same()
    {
        Swipe(new SwipeOptions());

        Assert.Equal(ReaderStatus.BufferTooSmall, _reader.TakeTrack2(new byte[10], 0));
        Assert.False(_reader.HoldsCardData);
    }

    [Fact]
    public void An_idle_reader_is_not_polled_between_swipes()
    {
        Swipe(new SwipeOptions());

        Assert.Equal(Deadline.Never, _rig.Loop.NextDeadline);
    }

    [Fact]
    public void The_encoder_writes_the_iso_7811_sentinels_parity_and_lrc()
    {
        byte[] bits = MagstripeModel.Encode("1=", new SwipeOptions { PaddingZeros = 0 });

        // ';' 1011+0, '1' 0001+0, '=' 1101+0, '?' 1111+1, LRC (0xB^0x1^0xD^0xF = 0x8) 0001+0, each LSB first
        Assert.Equal("11010" + "10000" + "10110" + "11111" + "00010", string.Concat(bits.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    private void Swipe(SwipeOptions options)
    {
        long release = _card.Swipe(Track, options);
        _rig.RunFor(release - _rig.Time.NowMs + 10);
    }

    private List<(EventKind Kind, int Code, int Arg)> Swiped() =>
        _rig.Events.Where(e => e.Kind == EventKind.CardSwiped).Select(e => (e.Kind, e.Code, e.Arg)).ToList();

    private string TakeTrack2()
    {
        var buffer = new byte[40];
        int n = _reader.TakeTrack2(buffer, 0);
        Assert.True(n > 0, $"TakeTrack2 returned {n}");
        return Encoding.ASCII.GetString(buffer, 0, n);
    }
}
