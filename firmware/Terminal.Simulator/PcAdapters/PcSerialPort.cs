using System.IO.Ports;
using Terminal.Hal;
using HalHandshake = Terminal.Hal.Handshake;

namespace Terminal.Simulator.PcAdapters;

/// <summary>
/// A real serial port of the PC (or one end of a socat pty pair) behind the Hal's <see cref="ISerialPort"/>,
/// as the nanoFramework SerialPort adapter is on the device. Reads never block the loop.
/// </summary>
public sealed class PcSerialPort : ISerialPort
{
    private readonly SerialPort _port;
    private SerialDataReceivedHandler? _handler;

    /// <summary>Wraps the named port (e.g. /dev/ttyUSB0 or a pty path) at <paramref name="baudRate"/>.</summary>
    public PcSerialPort(string portName, int baudRate)
    {
        _port = new SerialPort(portName, baudRate) { ReadTimeout = 1, WriteTimeout = 1000 };
        _port.DataReceived += (_, e) => _handler?.Invoke(this, e.EventType == System.IO.Ports.SerialData.Eof ? Terminal.Hal.SerialData.WatchChar : Terminal.Hal.SerialData.Chars);
    }

    /// <inheritdoc />
    public string PortName => _port.PortName;

    /// <inheritdoc />
    public int BaudRate => _port.BaudRate;

    /// <inheritdoc />
    public HalHandshake Handshake
    {
        get => _port.Handshake switch
        {
            System.IO.Ports.Handshake.XOnXOff => HalHandshake.XOnXOff,
            System.IO.Ports.Handshake.RequestToSend => HalHandshake.RequestToSend,
            _ => HalHandshake.None,
        };
        set => _port.Handshake = value switch
        {
            HalHandshake.XOnXOff => System.IO.Ports.Handshake.XOnXOff,
            HalHandshake.RequestToSend => System.IO.Ports.Handshake.RequestToSend,
            _ => System.IO.Ports.Handshake.None,
        };
    }

    /// <inheritdoc />
    public bool IsOpen => _port.IsOpen;

    /// <inheritdoc />
    public int BytesToRead => _port.IsOpen ? _port.BytesToRead : 0;

    /// <inheritdoc />
    public int ReadTimeout
    {
        get => _port.ReadTimeout;
        set => _port.ReadTimeout = Math.Max(1, value);
    }

    /// <inheritdoc />
    public int WriteTimeout
    {
        get => _port.WriteTimeout;
        set => _port.WriteTimeout = value;
    }

    /// <inheritdoc />
    public byte WatchChar { get; set; }

    /// <inheritdoc />
    public bool CanSend => _port.Handshake != System.IO.Ports.Handshake.RequestToSend || _port.CtsHolding;

    /// <inheritdoc />
    public void Open()
    {
        // System.IO.Ports says "Access to the port is denied" for a device path that does not exist at all. Only where
        // ports are files: Windows names them COM1, COM2...
        if (!OperatingSystem.IsWindows() && !File.Exists(_port.PortName))
        {
            throw new IOException($"no serial device at '{_port.PortName}'");
        }

        _port.Open();
    }

    /// <inheritdoc />
    public void Close() => _port.Close();

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count)
    {
        if (!_port.IsOpen || _port.BytesToRead == 0)
        {
            return 0;
        }

        try
        {
            return _port.Read(buffer, offset, Math.Min(count, _port.BytesToRead));
        }
        catch (TimeoutException)
        {
            return 0;
        }
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count) => _port.Write(buffer, offset, count);

    /// <inheritdoc />
    public void SetDataReceivedHandler(SerialDataReceivedHandler? handler) => _handler = handler;

    /// <inheritdoc />
    public void Dispose() => _port.Dispose();
}
