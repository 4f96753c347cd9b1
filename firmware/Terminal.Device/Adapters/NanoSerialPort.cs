using System.IO.Ports;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// A Terminal.Hal UART on nanoFramework's System.IO.Ports.SerialPort. Reads never block the event loop:
    /// they take what the receive buffer holds. DataReceived (bytes, or the watch character) is forwarded
    /// from nanoFramework's event thread to the Hal handler, which only enqueues.
    /// </summary>
    public sealed class NanoSerialPort : Hal.ISerialPort
    {
        private readonly SerialPort _port;
        private Hal.SerialDataReceivedHandler? _handler;
        private Hal.Handshake _handshake;
        private int _readTimeout;
        private byte _watchChar;

        /// <summary>Routes <paramref name="portName"/>'s signals to the given pins (-1: not wired) and creates the port, closed.</summary>
        public NanoSerialPort(string portName, int baudRate, int txPin, int rxPin, int rtsPin, int ctsPin)
        {
            Esp32PinMap.RouteUart(portName, txPin, rxPin, rtsPin, ctsPin);
            _port = new SerialPort(portName, baudRate);
            _port.DataReceived += OnDataReceived;
        }

        /// <summary>
        /// An ISO 7816 card line: 8 data bits, even parity, two stop bits (12 etu a character, the guard time
        /// cards need), and reads that wait up to ReadTimeout, as the contact-slot driver expects of the Hal
        /// (it blocks for the card on purpose, in slices of at most 50 ms).
        /// </summary>
        public static NanoSerialPort ForSmartCard(string portName, int baudRate, int txPin, int rxPin)
        {
            return new NanoSerialPort(portName, baudRate, txPin, rxPin);
        }

        private NanoSerialPort(string portName, int baudRate, int txPin, int rxPin)
        {
            Esp32PinMap.RouteUart(portName, txPin, rxPin, -1, -1);
            _port = new SerialPort(portName, baudRate, Parity.Even, 8, StopBits.Two);
            _port.DataReceived += OnDataReceived;
            _waitingReads = true;
        }

        private readonly bool _waitingReads;

        /// <inheritdoc />
        public string PortName => _port.PortName;

        /// <inheritdoc />
        public int BaudRate => _port.BaudRate;

        /// <inheritdoc />
        public Hal.Handshake Handshake
        {
            get => _handshake;
            set
            {
                _handshake = value;
                // Qualified: inside this class `Handshake` is the property.
                _port.Handshake = value == Hal.Handshake.RequestToSend ? System.IO.Ports.Handshake.RequestToSend
                    : value == Hal.Handshake.XOnXOff ? System.IO.Ports.Handshake.XOnXOff
                    : System.IO.Ports.Handshake.None;
            }
        }

        /// <inheritdoc />
        public bool IsOpen => _port.IsOpen;

        /// <inheritdoc />
        public int BytesToRead => _port.IsOpen ? _port.BytesToRead : 0;

        /// <inheritdoc />
        public int ReadTimeout
        {
            get => _readTimeout;
            set
            {
                // Read takes only what BytesToRead holds, so it never waits: the Hal's 0 ("return at once") needs
                // nothing from the port, and only a positive timeout is passed on.
                _readTimeout = value;
                if (value > 0)
                {
                    _port.ReadTimeout = value;
                }
            }
        }

        /// <inheritdoc />
        public int WriteTimeout
        {
            get => _port.WriteTimeout;
            set => _port.WriteTimeout = value;
        }

        /// <inheritdoc />
        public byte WatchChar
        {
            // The Hal speaks bytes and the port chars: the adapter keeps the byte it was given.
            get => _watchChar;
            set
            {
                _watchChar = value;
                _port.WatchChar = (char)value;
            }
        }

        /// <inheritdoc />
        /// <remarks>
        /// nanoFramework's SerialPort does not expose the CTS line or XOFF state: with a handshake set, the UART
        /// driver itself holds transmission, and Write waits at most WriteTimeout. So the port always says yes.
        /// </remarks>
        public bool CanSend => true;

        /// <inheritdoc />
        public void Open() => _port.Open();

        /// <inheritdoc />
        public void Close() => _port.Close();

        /// <inheritdoc />
        public int Read(byte[] buffer, int offset, int count)
        {
            int available = BytesToRead;
            if (available == 0 && _waitingReads && _readTimeout > 0)
            {
                // Poll the receive buffer for up to ReadTimeout (1 ms steps; the card's bytes are 1 ms apart at 9,600 baud).
                for (int waited = 0; waited < _readTimeout && available == 0; waited++)
                {
                    System.Threading.Thread.Sleep(1);
                    available = BytesToRead;
                }
            }

            if (available == 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, available < count ? available : count);
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count) => _port.Write(buffer, offset, count);

        /// <inheritdoc />
        public void SetDataReceivedHandler(Hal.SerialDataReceivedHandler? handler) => _handler = handler;

        /// <inheritdoc />
        public void Dispose()
        {
            _port.DataReceived -= OnDataReceived;
            _port.Dispose();
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            Hal.SerialDataReceivedHandler? handler = _handler;
            if (handler != null)
            {
                handler(this, e.EventType == System.IO.Ports.SerialData.WatchChar ? Hal.SerialData.WatchChar : Hal.SerialData.Chars);
            }
        }
    }
}
