using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Serial;

/// <summary>
/// One end of a simulated UART cable. Bytes written at one end are delivered to the other at once (line
/// timing is not modelled) and its data-received handler runs synchronously. Flow control works as on a
/// UART with handshake: with XON/XOFF the receiving end takes 0x11/0x13 out of the data and updates
/// <see cref="CanSend"/>; with RTS/CTS the far end's <see cref="SetRequestToSend"/> drives this end's CTS.
/// </summary>
public sealed class SimulatedSerialPort : ISerialPort
{
    private readonly Queue<byte> _received = new();
    private readonly object _sync = new();
    private SimulatedSerialPort? _peer;
    private SerialDataReceivedHandler? _handler;
    private bool _xoff;
    private bool _clearToSend = true;

    private SimulatedSerialPort(string portName, int baudRate)
    {
        PortName = portName;
        BaudRate = baudRate;
    }

    /// <summary>Creates a connected pair: the board's end and the device's end.</summary>
    public static (SimulatedSerialPort Board, SimulatedSerialPort Device) CreatePair(string portName, int baudRate)
    {
        var board = new SimulatedSerialPort(portName, baudRate);
        var device = new SimulatedSerialPort(portName + "-device", baudRate);
        board._peer = device;
        device._peer = board;
        return (board, device);
    }

    /// <inheritdoc />
    public string PortName { get; }

    /// <inheritdoc />
    public int BaudRate { get; }

    /// <inheritdoc />
    public Handshake Handshake { get; set; }

    /// <inheritdoc />
    public bool IsOpen { get; private set; }

    /// <inheritdoc />
    public int BytesToRead
    {
        get
        {
            lock (_sync)
            {
                return _received.Count;
            }
        }
    }

    /// <inheritdoc />
    public int ReadTimeout { get; set; }

    /// <inheritdoc />
    public int WriteTimeout { get; set; }

    /// <inheritdoc />
    public byte WatchChar { get; set; }

    /// <inheritdoc />
    public bool CanSend => Handshake switch
    {
        Handshake.XOnXOff => !_xoff,
        Handshake.RequestToSend => _clearToSend,
        _ => true,
    };

    /// <summary>Fault: the cable is unplugged; bytes go nowhere in either direction.</summary>
    public bool Unplugged { get; set; }

    /// <summary>Bytes this end has written, for tests that check the wire.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Drives this end's RTS, which is the far end's CTS.</summary>
    public void SetRequestToSend(bool ready)
    {
        if (_peer != null)
        {
            _peer._clearToSend = ready;
        }
    }

    /// <inheritdoc />
    public void Open() => IsOpen = true;

    /// <inheritdoc />
    public void Close() => IsOpen = false;

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count)
    {
        lock (_sync)
        {
            int n = 0;
            while (n < count && _received.Count > 0)
            {
                buffer[offset + n++] = _received.Dequeue();
            }

            return n;
        }
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException(PortName + " is not open");
        }

        BytesWritten += count;
        if (Unplugged || _peer == null || _peer.Unplugged)
        {
            return;
        }

        _peer.Deliver(buffer, offset, count);
    }

    /// <inheritdoc />
    public void SetDataReceivedHandler(SerialDataReceivedHandler? handler) => _handler = handler;

    /// <inheritdoc />
    public void Dispose() => Close();

    private void Deliver(byte[] buffer, int offset, int count)
    {
        bool watched = false;
        bool any = false;
        lock (_sync)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                if (Handshake == Handshake.XOnXOff && (b == 0x11 || b == 0x13))
                {
                    _xoff = b == 0x13;
                    continue;
                }

                _received.Enqueue(b);
                any = true;
                watched |= WatchChar != 0 && b == WatchChar;
            }
        }

        if (any)
        {
            _handler?.Invoke(this, watched ? SerialData.WatchChar : SerialData.Chars);
        }
    }
}
