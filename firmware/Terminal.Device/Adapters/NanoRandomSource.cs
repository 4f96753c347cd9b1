using System;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// Random bytes from System.Random, which nanoFramework's ESP32 port draws from the chip's hardware RNG
    /// (true random once the radio is on, which it is for a Wi-Fi terminal).
    /// </summary>
    public sealed class NanoRandomSource : Hal.IRandomSource
    {
        private readonly Random _random = new Random();
        private readonly byte[] _chunk = new byte[16];

        /// <inheritdoc />
        public void NextBytes(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                _random.NextBytes(_chunk);
                int n = count < _chunk.Length ? count : _chunk.Length;
                Array.Copy(_chunk, 0, buffer, offset, n);
                offset += n;
                count -= n;
            }
        }

        /// <inheritdoc />
        public int Next(int maxExclusive) => _random.Next(maxExclusive);
    }
}
