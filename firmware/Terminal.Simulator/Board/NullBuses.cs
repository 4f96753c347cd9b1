using Terminal.Hal;

namespace Terminal.Simulator.Board;

/// <summary>
/// Buses and readers for runs that need the firmware fast rather than the chips modelled (benchmarks, the
/// simulation campaign): they take bytes, answer what the drivers ask, and put what the script says.
/// </summary>
public sealed class StatusAnsweringPort : ISerialPort
{
    private int _pendingStatus;

    /// <summary>Bytes the driver wrote.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>When set, every byte written is kept here (to scan printed output).</summary>
    public List<byte>? Received { get; set; }

    /// <summary>Answer status queries with "paper out".</summary>
    public bool PaperOut { get; set; }

    /// <inheritdoc />
    public string PortName => "COM2";

    /// <inheritdoc />
    public int BaudRate => 9600;

    /// <inheritdoc />
    public Handshake Handshake { get; set; }

    /// <inheritdoc />
    public bool IsOpen => true;

    /// <inheritdoc />
    public int BytesToRead => _pendingStatus;

    /// <inheritdoc />
    public int ReadTimeout { get; set; }

    /// <inheritdoc />
    public int WriteTimeout { get; set; }

    /// <inheritdoc />
    public byte WatchChar { get; set; }

    /// <inheritdoc />
    public bool CanSend => true;

    /// <inheritdoc />
    public void Open()
    {
    }

    /// <inheritdoc />
    public void Close()
    {
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, _pendingStatus);
        for (int i = 0; i < n; i++)
        {
            // DLE EOT 4 then DLE EOT 2: fixed bits only (paper present, online), or paper end + stopped.
            bool paperByte = (_pendingStatus - i) % 2 == 0;
            buffer[offset + i] = PaperOut ? (byte)(paperByte ? 0x72 : 0x32) : (byte)0x12;
        }

        _pendingStatus -= n;
        return n;
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        BytesWritten += count;
        Received?.AddRange(buffer.AsSpan(offset, count));
        if (count >= 2 && buffer[offset] == 0x10 && buffer[offset + 1] == 0x04)
        {
            _pendingStatus += 2; // the driver may have several questions out (one per unit in flight)
        }
    }

    /// <inheritdoc />
    public void SetDataReceivedHandler(SerialDataReceivedHandler? handler)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}

/// <summary>A magstripe reader that hands over whatever track the script put in it.</summary>
public sealed class ScriptedMagstripe : IMagstripeReader
{
    /// <summary>The track 2 of the next swipe (ASCII).</summary>
    public byte[] Track2 { get; set; } = [];

    /// <inheritdoc />
    public void Start(IEventSink sink)
    {
    }

    /// <inheritdoc />
    public int TakeTrack2(byte[] buffer, int offset)
    {
        Array.Copy(Track2, 0, buffer, offset, Track2.Length);
        return Track2.Length;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}

/// <summary>A QR scanner that hands over whatever text the script showed it.</summary>
public sealed class ScriptedScanner : IQrScanner
{
    /// <summary>The next code's bytes (ASCII).</summary>
    public byte[] Code { get; set; } = [];

    /// <inheritdoc />
    public bool Attached => true;

    /// <inheritdoc />
    public void Start(IEventSink sink)
    {
    }

    /// <inheritdoc />
    public void Trigger()
    {
    }

    /// <inheritdoc />
    public void StopScan()
    {
    }

    /// <inheritdoc />
    public int TakeCode(byte[] buffer, int offset, int capacity)
    {
        int n = Math.Min(capacity, Code.Length);
        Array.Copy(Code, 0, buffer, offset, n);
        return n;
    }

    /// <inheritdoc />
    public long Poll(long nowMs) => Deadline.Never;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}

/// <summary>An SPI device that takes every byte (a display nobody looks at).</summary>
public sealed class NullSpi : ISpiDevice
{
    /// <inheritdoc />
    public SpiConnectionSettings ConnectionSettings { get; } = new(1, 5);

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
    }

    /// <inheritdoc />
    public void Read(byte[] buffer, int offset, int count)
    {
    }

    /// <inheritdoc />
    public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}

/// <summary>GPIO whose pins read low and ignore writes.</summary>
public sealed class NullGpio : IGpioController
{
    /// <inheritdoc />
    public void OpenPin(int pin, PinMode mode)
    {
    }

    /// <inheritdoc />
    public void ClosePin(int pin)
    {
    }

    /// <inheritdoc />
    public void SetPinMode(int pin, PinMode mode)
    {
    }

    /// <inheritdoc />
    public PinValue Read(int pin) => PinValue.Low;

    /// <inheritdoc />
    public void Write(int pin, PinValue value)
    {
    }

    /// <inheritdoc />
    public void RegisterCallbackForPinValueChangedEvent(int pin, PinEventTypes eventTypes, PinChangedHandler handler)
    {
    }

    /// <inheritdoc />
    public void UnregisterCallbackForPinValueChangedEvent(int pin, PinChangedHandler handler)
    {
    }
}
