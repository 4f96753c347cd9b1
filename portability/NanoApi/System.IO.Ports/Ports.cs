namespace System.IO.Ports
{
    /// <summary>A UART (COM1, COM2...).</summary>
    public sealed class SerialPort : IDisposable
    {
        /// <summary>The port named <paramref name="portName"/> ("COMn"), closed.</summary>
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One)
            => throw new NotImplementedException();

        /// <summary>Raised on the event thread when bytes or the watch character arrive.</summary>
        public event SerialDataReceivedEventHandler DataReceived
        {
            add => throw new NotImplementedException();
            remove => throw new NotImplementedException();
        }

        /// <summary>Line speed.</summary>
        public int BaudRate
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Flow control.</summary>
        public Handshake Handshake
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>The port's name.</summary>
        public string PortName => throw new NotImplementedException();

        /// <summary>The character whose arrival raises <see cref="DataReceived"/> as <see cref="SerialData.WatchChar"/>.</summary>
        public char WatchChar
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Whether the port is open.</summary>
        public bool IsOpen => throw new NotImplementedException();

        /// <summary>Longest a read waits, in ms.</summary>
        public int ReadTimeout
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Longest a write waits, in ms.</summary>
        public int WriteTimeout
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }

        /// <summary>Bytes waiting in the receive buffer.</summary>
        public int BytesToRead => throw new NotImplementedException();

        /// <summary>Opens the port.</summary>
        public void Open() => throw new NotImplementedException();

        /// <summary>Closes the port.</summary>
        public void Close() => throw new NotImplementedException();

        /// <summary>Reads up to <paramref name="count"/> bytes.</summary>
        public int Read(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <summary>Writes <paramref name="count"/> bytes.</summary>
        public void Write(byte[] buffer, int offset, int count) => throw new NotImplementedException();

        /// <summary>Releases the port.</summary>
        public void Dispose() => throw new NotImplementedException();
    }

    /// <summary>Flow control.</summary>
    public enum Handshake
    {
        /// <summary>None.</summary>
        None = 0,

        /// <summary>XON/XOFF.</summary>
        XOnXOff = 1,

        /// <summary>RTS/CTS.</summary>
        RequestToSend = 2,

        /// <summary>Both.</summary>
        RequestToSendXOnXOff = 3,
    }

    /// <summary>Parity bit.</summary>
    public enum Parity
    {
        /// <summary>None.</summary>
        None = 0,

        /// <summary>Odd.</summary>
        Odd = 1,

        /// <summary>Even.</summary>
        Even = 2,
    }

    /// <summary>Stop bits.</summary>
    public enum StopBits
    {
        /// <summary>One.</summary>
        One = 1,

        /// <summary>Two.</summary>
        Two = 2,

        /// <summary>One and a half.</summary>
        OnePointFive = 3,
    }

    /// <summary>What arrived.</summary>
    public enum SerialData
    {
        /// <summary>Bytes.</summary>
        Chars = 1,

        /// <summary>The watch character.</summary>
        WatchChar = 2,
    }

    /// <summary>The payload of <see cref="SerialPort.DataReceived"/>.</summary>
    public class SerialDataReceivedEventArgs : EventArgs
    {
        internal SerialDataReceivedEventArgs() => throw new NotImplementedException();

        /// <summary>What arrived.</summary>
        public SerialData EventType => throw new NotImplementedException();
    }

    /// <summary>Handler of <see cref="SerialPort.DataReceived"/>.</summary>
    public delegate void SerialDataReceivedEventHandler(object sender, SerialDataReceivedEventArgs e);
}
