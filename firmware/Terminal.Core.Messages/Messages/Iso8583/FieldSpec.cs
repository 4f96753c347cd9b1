namespace Terminal.Core.Messages.Iso8583
{
    /// <summary>ISO 8583 data-element type: what characters a field may hold.</summary>
    public enum FieldType : byte
    {
        /// <summary>Not defined in the profile.</summary>
        None = 0,
        /// <summary>n: digits 0-9.</summary>
        Numeric = 1,
        /// <summary>an: printable ASCII letters, digits and spaces.</summary>
        Alpha = 2,
        /// <summary>ans: any byte (special characters; GBK text in CUP F63).</summary>
        AlphaSpecial = 3,
        /// <summary>b: raw bytes.</summary>
        Binary = 4,
        /// <summary>z: track data, digits with the 'D' (or '=') field separator; hex digits where encrypted under the TDK.</summary>
        Track = 5,
    }

    /// <summary>How a field's length is carried.</summary>
    public enum LengthKind : byte
    {
        /// <summary>Fixed length from the profile.</summary>
        Fixed = 0,
        /// <summary>Two-digit length prefix (LL).</summary>
        LLVar = 2,
        /// <summary>Three-digit length prefix (LLL).</summary>
        LLLVar = 3,
    }

    /// <summary>How a field's content (or a profile's MTI, bitmap, length prefix) is laid out in bytes.</summary>
    public enum FieldEncoding : byte
    {
        /// <summary>Two digits per byte, packed BCD.</summary>
        Bcd = 0,
        /// <summary>One character per byte.</summary>
        Ascii = 1,
        /// <summary>Raw bytes.</summary>
        Binary = 2,
        /// <summary>Bytes written as two uppercase hex characters each (ISO 8583:1987 text binary).</summary>
        Hex = 3,
    }

    /// <summary>Where an odd BCD digit count puts its pad nibble.</summary>
    public enum BcdAlignment : byte
    {
        /// <summary>Left-aligned: digits first, pad nibble last (CUP F2, F22, F35, F60...).</summary>
        Left = 0,
        /// <summary>Right-aligned: pad nibble first (CUP F23, fixed numerics).</summary>
        Right = 1,
    }

    /// <summary>
    /// One field of a profile. Lengths are logical: digits for n and z, characters for an and ans,
    /// bytes for b. A length prefix always counts this logical length (CUP: digits for n/z, bytes
    /// otherwise; ISO 8583:1987 text: characters, or bytes of a hex-text binary field).
    /// </summary>
    public struct FieldSpec
    {
        /// <summary>Field number 2..128.</summary>
        public int Number;

        /// <summary>The field's name in its profile ("RRN"); null when undefined.</summary>
        public string? Name;

        /// <summary>Allowed content.</summary>
        public FieldType Type;

        /// <summary>Fixed or variable length.</summary>
        public LengthKind LengthKind;

        /// <summary>Exact length (fixed) or maximum length (variable), logical units.</summary>
        public int Length;

        /// <summary>Content encoding on the wire.</summary>
        public FieldEncoding Encoding;

        /// <summary>Pad side for an odd BCD digit count.</summary>
        public BcdAlignment Alignment;

        /// <summary>Whether the profile defines this field.</summary>
        public bool IsDefined => Type != FieldType.None;

        /// <summary>Bytes the content of <paramref name="logicalLength"/> occupies on the wire (prefix excluded).</summary>
        public int WireLength(int logicalLength)
        {
            if (Encoding == FieldEncoding.Bcd)
            {
                return (logicalLength + 1) / 2;
            }

            return Encoding == FieldEncoding.Hex ? logicalLength * 2 : logicalLength;
        }
    }
}
