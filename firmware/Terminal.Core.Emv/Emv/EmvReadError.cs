namespace Terminal.Core.Emv
{
    /// <summary>Why a card read (contactless read or contact kernel step) ended without card data (0 = it did not fail).</summary>
    public static class EmvReadError
    {
        /// <summary>The read succeeded.</summary>
        public const int None = 0;
        /// <summary>The reader could not activate or talk to the card (see the reader status).</summary>
        public const int CardCommunication = 1;
        /// <summary>The card answered a command with an error status word.</summary>
        public const int StatusWord = 2;
        /// <summary>The card's answer is not well-formed BER-TLV or misses a template.</summary>
        public const int MalformedData = 3;
        /// <summary>The card offers no application this terminal accepts.</summary>
        public const int NoSupportedApplication = 4;
        /// <summary>A data object the transaction needs is missing.</summary>
        public const int MissingData = 5;
        /// <summary>The card declined offline (AAC) instead of asking to go online.</summary>
        public const int CardDeclined = 6;
        /// <summary>A buffer of the reader is too small for the card's data.</summary>
        public const int TooMuchData = 7;
        /// <summary>The card was pulled from the slot (contact kernel).</summary>
        public const int CardRemoved = 8;
        /// <summary>The card answered against EMV's rules (for instance a TC to an ARQC request): the transaction is terminated.</summary>
        public const int Terminated = 9;
        /// <summary>A contact kernel step was called out of order (Select before Begin, Complete before going online).</summary>
        public const int OutOfOrder = 10;

        /// <summary>A short English name for logs.</summary>
        public static string Name(int error)
        {
            switch (error)
            {
                case None: return "ok";
                case CardCommunication: return "card communication failed";
                case StatusWord: return "card refused a command";
                case MalformedData: return "malformed card data";
                case NoSupportedApplication: return "no supported application";
                case MissingData: return "card data missing";
                case CardDeclined: return "card declined";
                case TooMuchData: return "card data too long";
                case CardRemoved: return "card removed";
                case Terminated: return "card broke the EMV rules";
                case OutOfOrder: return "step out of order";
                default: return "unknown";
            }
        }
    
        /// <summary>The four hex digits of a status word, for a reason text.</summary>
        public static string StatusWordText(int sw)
        {
            char[] c = new char[4];
            for (int i = 0; i < 4; i++)
            {
                c[i] = Util.HexText.Digit((sw >> (12 - (4 * i))) & 0x0F);
            }

            return new string(c);
        }
    }
}
