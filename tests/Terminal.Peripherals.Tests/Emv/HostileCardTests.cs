using Terminal.Core.App;
using Terminal.Core.Emv;
using Terminal.Core.Payments;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Random;
using Terminal.Hal;
using Xunit;

namespace Terminal.Peripherals.Tests.Emv;

/// <summary>
/// The card chooses every length it sends: the reproductions of issue 16 (a PAN and a track 2 longer than any
/// PAN or track) give an error result, never an exception, and no read leaves card data behind.
/// </summary>
public sealed class HostileCardTests : IDisposable
{
    private readonly Mfrc522Model _chip = new();
    private readonly Mfrc522 _reader;
    private readonly ContactlessEmvReader _emv;
    private readonly EmvTerminalData _terminal = new() { Amount = 1234, Date = new DateTime(2026, 11, 25, 14, 30, 5, DateTimeKind.Local) };

    public HostileCardTests()
    {
        _reader = new Mfrc522(_chip);
        _emv = new ContactlessEmvReader(_reader, new SeededRandom(7));
    }

    public void Dispose() => _reader.Dispose();

    private static EmvReadResult Stored(string hex)
    {
        var store = new EmvDataStore(1024, 64);
        byte[] tlv = Convert.FromHexString(hex);
        Assert.Equal(0, store.PutAll(tlv, 0, tlv.Length));
        return new EmvReadResult(store);
    }

    [Fact]
    public void A_track_2_of_20_digits_without_a_separator_gives_no_PAN_and_no_expiry()
    {
        EmvReadResult read = Stored("570A44997722667755116699");
        byte[] pan = new byte[19];

        Assert.Equal(-1, read.CopyPan(pan, 0));
        Assert.Equal(new byte[19], pan);
        Assert.Equal(string.Empty, read.MaskedPan());
        Assert.Equal(-1, read.ExpiryYymm);
    }

    [Fact]
    public void A_track_2_of_21_bytes_is_refused_by_every_accessor()
    {
        EmvReadResult read = Stored("571588883399E06488008E557755229966338388119966");

        Assert.Equal(-1, read.CopyTrack2(new byte[40], 0));
        Assert.Equal(-1, read.CopyPan(new byte[19], 0));
        Assert.Equal(-1, read.ExpiryYymm);
        Assert.Equal(string.Empty, read.MaskedPan());
    }

    [Fact]
    public void A_PAN_of_24_digits_is_refused_not_cut_to_19()
    {
        EmvReadResult read = Stored("5A0C476173900101001047617390");

        Assert.Equal(-1, read.CopyPan(new byte[64], 0));
        Assert.Equal(-1, read.PanDigits(out _));
    }

    [Fact]
    public void A_PAN_that_does_not_fit_the_callers_buffer_writes_nothing()
    {
        EmvReadResult read = Stored("5A0847617390010100105F2403301231");
        byte[] small = new byte[10];

        Assert.Equal(-1, read.CopyPan(small, 0));
        Assert.Equal(new byte[10], small);
        Assert.Equal(16, read.CopyPan(new byte[19], 3));
    }

    [Fact]
    public void An_expiry_that_is_not_a_date_is_no_expiry()
    {
        Assert.Equal(-1, Stored("5F2403FF1231").ExpiryYymm);
        Assert.Equal(-1, Stored("5F2403301331").ExpiryYymm);
        Assert.Equal(-1, Stored("5F240130").ExpiryYymm);
        Assert.Equal(3012, Stored("5F2403301231").ExpiryYymm);
    }

    [Fact]
    public void The_expiry_is_read_from_track_2_after_its_separator()
    {
        Assert.Equal(3012, Stored("57134761739001010010D30122010000000000000F").ExpiryYymm);
        Assert.Equal(-1, Stored("57094761739001010010D3").ExpiryYymm);
    }

    [Fact]
    public void The_card_of_issue_16_gives_a_malformed_data_result_and_leaves_nothing_behind()
    {
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.OverlongPan());

        EmvReadResult result = _emv.Read(_terminal);

        Assert.Equal(EmvReadError.MalformedData, result.Error);
        Assert.Equal("PAN is not 1 to 19 digits", result.Reason);
        Assert.Equal(0, result.Data.Count);
        Assert.Equal(-1, result.CopyTrack2(new byte[40], 0));
    }

    [Fact]
    public void A_failed_read_is_wiped_before_the_caller_sees_it()
    {
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());
        _chip.Card.LeaveFieldAfter(8); // activation, SELECTs and GPO, then gone while reading records

        EmvReadResult result = _emv.Read(_terminal);

        Assert.False(result.Succeeded);
        Assert.Equal(0, result.Data.Count);
    }

    [Fact]
    public void A_read_cut_short_by_an_exception_is_wiped_on_the_way_out()
    {
        // The reader's exchanges: SELECT PPSE, SELECT AID, GPO, READ RECORD 1 and 2 per read; the second read
        // throws at its second record, after the first (track 2) was stored.
        var reader = new ThrowingReader(_reader, throwAtExchange: 10);
        var emv = new ContactlessEmvReader(reader, new SeededRandom(7));
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());
        EmvReadResult result = emv.Read(_terminal);
        Assert.True(result.Succeeded, result.Reason);
        result.Wipe();
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());

        Assert.Throws<InvalidOperationException>(() => emv.Read(_terminal));

        Assert.Equal(0, result.Data.Count); // the one result object every read reuses
        Assert.True(reader.DeactivatedAfterThrow);
    }

    [Fact]
    public void Taking_a_good_tap_fills_the_card_buffers_and_wipes_the_read()
    {
        _chip.Card = EmvTestCards.OnCarrier(EmvTestCards.Visa());
        EmvReadResult result = _emv.Read(_terminal);
        var card = new CardData();

        Assert.True(TappedCard.Take(result, card, out string masked, out int expiry));

        Assert.Equal(EmvTestCards.VisaPan, System.Text.Encoding.ASCII.GetString(card.Pan, 0, card.PanLength));
        Assert.Equal("476173******0010", masked);
        Assert.Equal(3012, expiry);
        Assert.True(card.IccLength > 0);
        Assert.Equal(0, result.Data.Count);
    }

    [Fact]
    public void Taking_a_tap_whose_PAN_cannot_be_used_leaves_the_card_buffers_empty()
    {
        EmvReadResult read = Stored("9F2608112233445566778857134761739001010010D30122010000000000000F5A0C476173900101001047617390");
        var card = new CardData();
        card.Pan[0] = (byte)'9'; // left by an earlier request

        Assert.False(TappedCard.Take(read, card, out string masked, out _));

        Assert.Equal(string.Empty, masked);
        Assert.Equal(new byte[card.Pan.Length], card.Pan);
        Assert.Equal((0, 0), (card.PanLength, card.IccLength));
        Assert.Equal(0, read.Data.Count);
    }

    // Passes exchanges through to the real reader, and throws at the given one (a driver bug, say).
    private sealed class ThrowingReader(IContactlessReader inner, int throwAtExchange) : IContactlessReader
    {
        private int _exchanges;
        private bool _thrown;

        public bool DeactivatedAfterThrow { get; private set; }

        public void Start(IEventSink sink) => inner.Start(sink);

        public void SetField(bool on) => inner.SetField(on);

        public int Activate() => inner.Activate();

        public int Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity)
        {
            if (++_exchanges == throwAtExchange)
            {
                _thrown = true;
                throw new InvalidOperationException("driver bug");
            }

            return inner.Transceive(command, commandOffset, commandLength, response, responseOffset, responseCapacity);
        }

        public void Deactivate()
        {
            DeactivatedAfterThrow |= _thrown;
            inner.Deactivate();
        }

        public bool SelfCheck() => inner.SelfCheck();

        public long Poll(long nowMs) => inner.Poll(nowMs);

        public void Dispose()
        {
        }
    }
}
