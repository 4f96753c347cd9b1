namespace Terminal.Hal
{
    /// <summary>Why a serial data-received callback fired (mirrors System.IO.Ports.SerialData).</summary>
    public enum SerialData
    {
        /// <summary>Bytes arrived.</summary>
        Chars = 1,
        /// <summary>The watch character arrived.</summary>
        WatchChar = 2,
    }

    /// <summary>Called from the UART driver's context when bytes arrive: enqueue, never block.</summary>
    public delegate void SerialDataReceivedHandler(ISerialPort port, SerialData kind);

    /// <summary>Flow control on a serial line.</summary>
    public enum Handshake
    {
        /// <summary>None.</summary>
        None = 0,
        /// <summary>XON/XOFF in band.</summary>
        XOnXOff = 1,
        /// <summary>RTS/CTS lines.</summary>
        RequestToSend = 2,
    }

    /// <summary>A UART (shaped after nanoFramework's System.IO.Ports.SerialPort).</summary>
    public interface ISerialPort : System.IDisposable
    {
        /// <summary>The port's name on the board, e.g. COM2.</summary>
        string PortName { get; }

        /// <summary>Line speed.</summary>
        int BaudRate { get; }

        /// <summary>Flow control in use.</summary>
        Handshake Handshake { get; set; }

        /// <summary>Whether the port is open.</summary>
        bool IsOpen { get; }

        /// <summary>Bytes waiting in the receive buffer.</summary>
        int BytesToRead { get; }

        /// <summary>Longest wait of a Read in milliseconds; 0 returns at once with what is there.</summary>
        int ReadTimeout { get; set; }

        /// <summary>Longest wait of a Write in milliseconds.</summary>
        int WriteTimeout { get; set; }

        /// <summary>A byte that raises <see cref="SerialData.WatchChar"/> when received; 0 for none.</summary>
        byte WatchChar { get; set; }

        /// <summary>Whether the far end allows sending (CTS or XON); always true without flow control.</summary>
        bool CanSend { get; }

        /// <summary>Opens the port.</summary>
        void Open();

        /// <summary>Closes the port.</summary>
        void Close();

        /// <summary>Reads up to <paramref name="count"/> bytes; returns how many were read (0 when none within the timeout).</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Queues bytes for sending.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Registers the data-received callback.</summary>
        void SetDataReceivedHandler(SerialDataReceivedHandler? handler);
    }
}
