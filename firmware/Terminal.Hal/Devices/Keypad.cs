namespace Terminal.Hal
{
    /// <summary>Keys of the terminal keypad: a 4x4 matrix of digits and editing keys, plus function keys on a 4x5.</summary>
    public static class KeyCode
    {
        /// <summary>No key.</summary>
        public const int None = 0;
        /// <summary>Digit 0; digits 1 to 9 follow as Digit0 + n.</summary>
        public const int Digit0 = 0x30;
        /// <summary>Digit 9.</summary>
        public const int Digit9 = 0x39;
        /// <summary>Cancel (red).</summary>
        public const int Cancel = 0x80;
        /// <summary>Clear / backspace (yellow).</summary>
        public const int Clear = 0x81;
        /// <summary>Enter / confirm (green).</summary>
        public const int Enter = 0x82;
        /// <summary>Menu.</summary>
        public const int Menu = 0x83;
        /// <summary>Function key 1.</summary>
        public const int F1 = 0x84;
        /// <summary>Function key 2.</summary>
        public const int F2 = 0x85;
        /// <summary>Decimal point / "00".</summary>
        public const int Dot = 0x86;
        /// <summary>Up / previous.</summary>
        public const int Up = 0x87;
        /// <summary>Down / next.</summary>
        public const int Down = 0x88;
        /// <summary>Feed paper.</summary>
        public const int Feed = 0x89;

        /// <summary>True for 0..9.</summary>
        public static bool IsDigit(int key) => key >= Digit0 && key <= Digit9;

        /// <summary>A short name for logs and key scripts ("5", "ENTER").</summary>
        public static string Name(int key)
        {
            if (IsDigit(key))
            {
                return ((char)key).ToString();
            }

            switch (key)
            {
                case Cancel: return "CANCEL";
                case Clear: return "CLEAR";
                case Enter: return "ENTER";
                case Menu: return "MENU";
                case F1: return "F1";
                case F2: return "F2";
                case Dot: return "DOT";
                case Up: return "UP";
                case Down: return "DOWN";
                case Feed: return "FEED";
                default: return "KEY?";
            }
        }

        /// <summary>Parses a name given by <see cref="Name"/>; returns <see cref="None"/> when unknown.</summary>
        public static int Parse(string name)
        {
            if (name == null || name.Length == 0)
            {
                return None;
            }

            if (name.Length == 1 && name[0] >= '0' && name[0] <= '9')
            {
                return name[0];
            }

            string upper = name.ToUpper();
            for (int k = Cancel; k <= Feed; k++)
            {
                if (Name(k) == upper)
                {
                    return k;
                }
            }

            return None;
        }
    }

    /// <summary>A keypad: posts KeyDown/KeyRepeat/KeyUp/KeyStuck events to the sink it was started with.</summary>
    public interface IKeypad : IPolledDevice, System.IDisposable
    {
        /// <summary>Starts posting key events.</summary>
        void Start(IEventSink sink);

        /// <summary>Whether the key is held now (for the self-test's stuck-key check).</summary>
        bool IsDown(int keyCode);

        /// <summary>The keys this keypad has.</summary>
        int[] Keys { get; }
    }
}
