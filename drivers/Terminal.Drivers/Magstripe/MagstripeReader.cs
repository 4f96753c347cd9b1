using Terminal.Hal;

namespace Terminal.Drivers.Magstripe
{
    /// <summary>
    /// A TTL magnetic stripe read head with its own bit recovery (MagTek-style 3-wire interface, track 2):
    /// /CLS goes low while a card moves past the head, each bit is strobed by a falling edge of /RCP with
    /// its value on /RDP (low = 1). Strobe interrupts only store bits in a preallocated buffer; when /CLS
    /// rises the loop polls the driver, which decodes the ISO 7811 5-bit characters (4 data bits LSB first,
    /// odd parity), checks the sentinels and the LRC, tries the reverse direction if the forward read
    /// fails, and posts CardSwiped (Code 2, Arg 1 good / 0 "swipe again"). Raw bits are wiped after decoding.
    /// </summary>
    public sealed class MagstripeReader : IMagstripeReader, IPolledDevice
    {
        /// <summary>The Code of this driver's <see cref="EventKind.DeviceWake"/> events.</summary>
        public const int WakeTag = 0x4D53;

        /// <summary>The Code of CardSwiped events: the track read.</summary>
        public const int Track2 = 2;

        /// <summary>Decoded, no error.</summary>
        public const int ReadOk = 0;
        /// <summary>No start sentinel (';') in either direction.</summary>
        public const int ErrorNoStartSentinel = 1;
        /// <summary>A character failed its odd parity check.</summary>
        public const int ErrorParity = 2;
        /// <summary>The longitudinal redundancy check did not match.</summary>
        public const int ErrorLrc = 3;
        /// <summary>The bits ended before the end sentinel ('?') and LRC.</summary>
        public const int ErrorNoEndSentinel = 4;
        /// <summary>Parity and LRC were fine but the characters are not a track 2 (no '=', bad PAN length, control characters).</summary>
        public const int ErrorFormat = 5;

        private const int StartSentinel = 0x0B; // ';'
        private const int EndSentinel = 0x0F;   // '?'
        private const int FieldSeparator = 0x0D; // '='
        private const int MaxTrackCharacters = 37; // ISO 7813 track 2: 40 characters including SS, ES and LRC

        private readonly IGpioController _gpio;
        private readonly int _cardPresentPin;
        private readonly int _strobePin;
        private readonly int _dataPin;
        private readonly byte[] _bits;
        private readonly byte[] _track = new byte[MaxTrackCharacters];
        private readonly object _sync = new object();
        private readonly PinChangedHandler _onStrobe;
        private readonly PinChangedHandler _onCardPresent;
        private IEventSink? _sink;
        private int _bitCount;
        private bool _collecting;
        private bool _swipeEnded;
        private bool _overflow;
        private int _trackLength;
        private int _lastError;
        private bool _lastReversed;
        private int _swipes;
        private bool _disposed;

        /// <summary>Claims the three lines (inputs with pull-ups: the reader's outputs idle high); <paramref name="bitCapacity"/> bounds one swipe.</summary>
        public MagstripeReader(IGpioController gpio, int cardPresentPin, int strobePin, int dataPin, int bitCapacity = 1024)
        {
            if (gpio == null)
            {
                throw new System.ArgumentNullException("gpio");
            }

            _gpio = gpio;
            _cardPresentPin = cardPresentPin;
            _strobePin = strobePin;
            _dataPin = dataPin;
            _bits = new byte[bitCapacity];
            _onStrobe = OnStrobe;
            _onCardPresent = OnCardPresent;
            gpio.OpenPin(cardPresentPin, PinMode.InputPullUp);
            gpio.OpenPin(strobePin, PinMode.InputPullUp);
            gpio.OpenPin(dataPin, PinMode.InputPullUp);
        }

        /// <summary>Why the last swipe failed (<see cref="ReadOk"/> when it did not).</summary>
        public int LastError => _lastError;

        /// <summary>Whether the last good swipe was read in reverse.</summary>
        public bool LastReadReversed => _lastReversed;

        /// <summary>Whether the last swipe had more bits than the buffer holds (the excess was dropped).</summary>
        public bool LastSwipeOverflowed => _overflow;

        /// <summary>Swipes seen since start.</summary>
        public int Swipes => _swipes;

        /// <summary>True while any card data (raw bits or a decoded track) is held in the driver's buffers.</summary>
        public bool HoldsCardData
        {
            get
            {
                lock (_sync)
                {
                    for (int i = 0; i < _bits.Length; i++)
                    {
                        if (_bits[i] != 0)
                        {
                            return true;
                        }
                    }

                    for (int i = 0; i < _track.Length; i++)
                    {
                        if (_track[i] != 0)
                        {
                            return true;
                        }
                    }

                    return _trackLength > 0;
                }
            }
        }

        /// <inheritdoc />
        public void Start(IEventSink sink)
        {
            if (_disposed)
            {
                throw new System.ObjectDisposedException("MagstripeReader");
            }

            _sink = sink ?? throw new System.ArgumentNullException("sink");
            _gpio.RegisterCallbackForPinValueChangedEvent(_strobePin, PinEventTypes.Falling, _onStrobe);
            _gpio.RegisterCallbackForPinValueChangedEvent(_cardPresentPin, PinEventTypes.Falling | PinEventTypes.Rising, _onCardPresent);
        }

        /// <summary>Decodes a finished swipe and posts CardSwiped; idle otherwise.</summary>
        public long Poll(long nowMs)
        {
            IEventSink? sink = _sink;
            if (sink == null)
            {
                return Deadline.Never;
            }

            bool good;
            lock (_sync)
            {
                if (!_swipeEnded)
                {
                    return Deadline.Never;
                }

                _swipeEnded = false;
                _swipes++;
                good = DecodeSwipe();
                Wipe(_bits, _bitCount);
                _bitCount = 0;
            }

            sink.Post(EventKind.CardSwiped, Track2, good ? 1 : 0, EventPriority.Normal);
            return Deadline.Never;
        }

        /// <inheritdoc />
        public int TakeTrack2(byte[] buffer, int offset)
        {
            lock (_sync)
            {
                int length = _trackLength;
                if (length <= 0)
                {
                    return ReaderStatus.NoCard;
                }

                int status = length;
                if (buffer == null || offset < 0 || buffer.Length - offset < length)
                {
                    status = ReaderStatus.BufferTooSmall;
                }
                else
                {
                    for (int i = 0; i < length; i++)
                    {
                        buffer[offset + i] = _track[i];
                    }
                }

                // Card data leaves the driver exactly once, whatever the caller does with it.
                Wipe(_track, _track.Length);
                _trackLength = 0;
                return status;
            }
        }

        /// <summary>Stops the interrupts, wipes any card data and releases the pins.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_sink != null)
            {
                _gpio.UnregisterCallbackForPinValueChangedEvent(_strobePin, _onStrobe);
                _gpio.UnregisterCallbackForPinValueChangedEvent(_cardPresentPin, _onCardPresent);
            }

            lock (_sync)
            {
                Wipe(_bits, _bits.Length);
                Wipe(_track, _track.Length);
                _trackLength = 0;
            }

            _gpio.ClosePin(_cardPresentPin);
            _gpio.ClosePin(_strobePin);
            _gpio.ClosePin(_dataPin);
        }

        // Interrupt context: store one bit, nothing more.
        private void OnStrobe(int pin, PinEventTypes edge)
        {
            bool one = _gpio.Read(_dataPin) == PinValue.Low;
            lock (_sync)
            {
                if (!_collecting)
                {
                    return;
                }

                if (_bitCount < _bits.Length)
                {
                    _bits[_bitCount++] = one ? (byte)1 : (byte)0;
                }
                else
                {
                    _overflow = true;
                }
            }
        }

        // Interrupt context: /CLS low starts a swipe, high ends it and wakes the loop to decode.
        private void OnCardPresent(int pin, PinEventTypes edge)
        {
            bool present = _gpio.Read(_cardPresentPin) == PinValue.Low;
            IEventSink? sink;
            lock (_sync)
            {
                if (present)
                {
                    Wipe(_bits, _bitCount);
                    _bitCount = 0;
                    _overflow = false;
                    _collecting = true;
                    return;
                }

                if (!_collecting)
                {
                    return;
                }

                _collecting = false;
                _swipeEnded = true;
                sink = _sink;
            }

            if (sink != null)
            {
                sink.Post(EventKind.DeviceWake, WakeTag, 0, EventPriority.Low);
            }
        }

        // Called with _sync held. Forward first; a card swiped the other way reads as the reversed bit string.
        private bool DecodeSwipe()
        {
            Wipe(_track, _track.Length);
            _trackLength = 0;
            int forward = Decode(false);
            if (forward > 0)
            {
                _trackLength = forward;
                _lastError = ReadOk;
                _lastReversed = false;
                return true;
            }

            int reverse = Decode(true);
            if (reverse > 0)
            {
                _trackLength = reverse;
                _lastError = ReadOk;
                _lastReversed = true;
                return true;
            }

            Wipe(_track, _track.Length);
            _trackLength = 0;

            // Report the direction that got furthest into the track: its error says what went wrong.
            _lastError = Progress(-reverse) > Progress(-forward) ? -reverse : -forward;
            return false;
        }

        // Returns the track length, or minus an Error code. Writes characters to _track.
        private int Decode(bool reverse)
        {
            int count = _bitCount;
            int at = FindStartSentinel(reverse, count);
            if (at < 0)
            {
                return -ErrorNoStartSentinel;
            }

            // The start sentinel was matched whole (its parity is right by construction); it counts in the LRC.
            int lrc = StartSentinel;
            at += 5;
            int length = 0;
            bool parityError = false;
            bool formatError = false;
            while (true)
            {
                if (at + 5 > count)
                {
                    return -ErrorNoEndSentinel;
                }

                int ch = CharAt(reverse, count, at);
                at += 5;
                if (!OddParity(ch))
                {
                    parityError = true;
                }

                int data = ch & 0x0F;
                lrc ^= data;
                if (data == EndSentinel)
                {
                    break;
                }

                if (length >= MaxTrackCharacters)
                {
                    return -ErrorNoEndSentinel;
                }

                if (data <= 9)
                {
                    _track[length++] = (byte)('0' + data);
                }
                else if (data == FieldSeparator)
                {
                    _track[length++] = (byte)'=';
                }
                else
                {
                    formatError = true;
                }
            }

            if (at + 5 > count)
            {
                return -ErrorNoEndSentinel;
            }

            int lrcChar = CharAt(reverse, count, at);
            if (parityError || !OddParity(lrcChar))
            {
                return -ErrorParity;
            }

            if ((lrcChar & 0x0F) != lrc)
            {
                return -ErrorLrc;
            }

            if (formatError || !IsTrack2(length))
            {
                return -ErrorFormat;
            }

            return length;
        }

        // The first place the start sentinel's five bits appear (noise in the leading zeros is skipped).
        private int FindStartSentinel(bool reverse, int count)
        {
            for (int i = 0; i + 5 <= count; i++)
            {
                if (CharAt(reverse, count, i) == StartSentinel)
                {
                    return i;
                }
            }

            return -1;
        }

        private int CharAt(bool reverse, int count, int at)
        {
            int ch = 0;
            for (int b = 0; b < 5; b++)
            {
                int index = reverse ? count - 1 - (at + b) : at + b;
                ch |= _bits[index] << b;
            }

            return ch;
        }

        private static int Progress(int error) => error == ErrorNoStartSentinel ? 0 : error == ErrorNoEndSentinel ? 1 : 2;

        private static bool OddParity(int ch)
        {
            int ones = 0;
            for (int b = 0; b < 5; b++)
            {
                ones += (ch >> b) & 1;
            }

            return (ones & 1) == 1;
        }

        // ISO 7813 track 2: PAN of 12 to 19 digits, '=', then expiry and service code digits.
        private bool IsTrack2(int length)
        {
            int separator = -1;
            for (int i = 0; i < length; i++)
            {
                if (_track[i] == (byte)'=')
                {
                    separator = i;
                    break;
                }
            }

            return separator >= 12 && separator <= 19 && length - separator - 1 >= 7;
        }

        private static void Wipe(byte[] buffer, int count)
        {
            for (int i = 0; i < count && i < buffer.Length; i++)
            {
                buffer[i] = 0;
            }
        }
    }
}
