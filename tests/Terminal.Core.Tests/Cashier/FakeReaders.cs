using System.Text;
using Terminal.Hal;

namespace Terminal.Core.Tests.Cashier;

/// <summary>A magstripe head that hands over the track it is given once, as the driver does after a swipe.</summary>
internal sealed class FakeMagstripe : IMagstripeReader
{
    private byte[] _track = [];

    /// <summary>Loads the track the next <see cref="TakeTrack2"/> hands over.</summary>
    public void Load(string track2) => _track = Encoding.ASCII.GetBytes(track2);

    public void Start(IEventSink sink)
    {
    }

    public int TakeTrack2(byte[] buffer, int offset)
    {
        int n = _track.Length;
        _track.CopyTo(buffer, offset);
        Array.Clear(_track);
        _track = [];
        return n > 0 ? n : ReaderStatus.NoCard;
    }

    public void Dispose()
    {
    }
}

/// <summary>A QR engine that hands over the code it is given once; counts its triggers.</summary>
internal sealed class FakeScanner : IQrScanner
{
    private byte[] _code = [];

    public int Triggers { get; private set; }

    public bool Attached => true;

    /// <summary>Loads the code the next <see cref="TakeCode"/> hands over.</summary>
    public void Load(string code) => _code = Encoding.ASCII.GetBytes(code);

    public void Start(IEventSink sink)
    {
    }

    public void Trigger() => Triggers++;

    public void StopScan()
    {
    }

    public int TakeCode(byte[] buffer, int offset, int capacity)
    {
        int n = Math.Min(_code.Length, capacity);
        Array.Copy(_code, 0, buffer, offset, n);
        _code = [];
        return n > 0 ? n : ReaderStatus.NoCard;
    }

    public long Poll(long nowMs) => Deadline.Never;

    public void Dispose()
    {
    }
}
