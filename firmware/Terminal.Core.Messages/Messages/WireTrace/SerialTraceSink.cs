using Terminal.Hal;

namespace Terminal.Core.Messages.WireTrace
{
    /// <summary>
    /// Trace lines to a UART (the device's debug port), as ASCII with CR LF. Lines are already masked by
    /// <see cref="WireTracer"/>; a line longer than the buffer is cut and ends with "...". No allocation per line.
    /// </summary>
    public sealed class SerialTraceSink : IWireTraceSink
    {
        private readonly ISerialPort _port;
        private readonly byte[] _line;

        /// <summary>Writes to <paramref name="port"/>, lines of up to <paramref name="maxLine"/> characters.</summary>
        public SerialTraceSink(ISerialPort port, int maxLine)
        {
            _port = port;
            _line = new byte[maxLine + 2];
        }

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            int max = _line.Length - 2;
            int n = line.Length < max ? line.Length : max;
            for (int i = 0; i < n; i++)
            {
                char c = line[i];
                _line[i] = c >= ' ' && c < (char)127 ? (byte)c : (byte)'?';
            }

            if (line.Length > max && max >= 3)
            {
                _line[max - 1] = (byte)'.';
                _line[max - 2] = (byte)'.';
                _line[max - 3] = (byte)'.';
            }

            _line[n] = 13;
            _line[n + 1] = 10;
            if (!_port.IsOpen)
            {
                _port.Open();
            }

            _port.Write(_line, 0, n + 2);
        }
    }
}
