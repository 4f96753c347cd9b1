namespace Terminal.Core.Messages.Iso8583
{
    /// <summary>
    /// A message format as data: the header before the MTI, how the MTI, bitmap and length prefixes are
    /// encoded, and a table of field specs, each row naming its field (jPOS-style: one codec, many
    /// profiles; see <see cref="Iso8583Codec"/>). Build once at start-up and share; a profile is read-only
    /// once built.
    /// </summary>
    public sealed class Iso8583Profile
    {
        /// <summary>Highest field number any profile may define (primary + secondary bitmap).</summary>
        public const int MaxFieldNumber = 128;

        private readonly byte[] _type = new byte[MaxFieldNumber + 1];
        private readonly byte[] _lengthKind = new byte[MaxFieldNumber + 1];
        private readonly short[] _length = new short[MaxFieldNumber + 1];
        private readonly byte[] _encoding = new byte[MaxFieldNumber + 1];
        private readonly byte[] _alignment = new byte[MaxFieldNumber + 1];
        private readonly byte[]?[] _subfieldWidths = new byte[]?[MaxFieldNumber + 1];
        private readonly string?[] _name = new string?[MaxFieldNumber + 1];
        private int _highestField;

        /// <summary>Creates an empty profile; add fields with <see cref="Define"/>.</summary>
        public Iso8583Profile(string name, int tpduLength, int headerLength, FieldEncoding mtiEncoding, FieldEncoding bitmapEncoding, FieldEncoding prefixEncoding)
        {
            Name = name;
            TpduLength = tpduLength;
            HeaderLength = headerLength;
            MtiEncoding = mtiEncoding;
            BitmapEncoding = bitmapEncoding;
            PrefixEncoding = prefixEncoding;
        }

        /// <summary>Short name used on the command line (cup, ascii87).</summary>
        public string Name { get; }

        /// <summary>Bytes of TPDU before the header (CUP: 5; 0 when none).</summary>
        public int TpduLength { get; }

        /// <summary>Bytes of application header after the TPDU (CUP: 6; 0 when none).</summary>
        public int HeaderLength { get; }

        /// <summary>TPDU plus header: the opaque bytes before the MTI.</summary>
        public int PreambleLength => TpduLength + HeaderLength;

        /// <summary>MTI encoding: <see cref="FieldEncoding.Bcd"/> (2 bytes) or <see cref="FieldEncoding.Ascii"/> (4 bytes).</summary>
        public FieldEncoding MtiEncoding { get; }

        /// <summary>Bitmap encoding: <see cref="FieldEncoding.Binary"/> (8 bytes each) or <see cref="FieldEncoding.Hex"/> (16 characters each).</summary>
        public FieldEncoding BitmapEncoding { get; }

        /// <summary>Length prefix encoding: <see cref="FieldEncoding.Bcd"/> (LL = 1 byte, LLL = 2 bytes) or <see cref="FieldEncoding.Ascii"/> (2 or 3 digits).</summary>
        public FieldEncoding PrefixEncoding { get; }

        /// <summary>Highest field number defined (64 means no secondary bitmap is possible).</summary>
        public int HighestField => _highestField;

        /// <summary>Defines (or redefines) field <paramref name="number"/>, called <paramref name="name"/> in traces and errors ("F37 RRN").</summary>
        public void Define(int number, string name, FieldType type, LengthKind lengthKind, int length, FieldEncoding encoding, BcdAlignment alignment)
        {
            if (number < 2 || number > MaxFieldNumber || type == FieldType.None || length < 1
                || (lengthKind == LengthKind.LLVar && length > 99) || length > 999)
            {
                throw new System.ArgumentOutOfRangeException(nameof(number));
            }

            _type[number] = (byte)type;
            _lengthKind[number] = (byte)lengthKind;
            _length[number] = (short)length;
            _encoding[number] = (byte)encoding;
            _alignment[number] = (byte)alignment;
            _name[number] = name;
            if (number > _highestField)
            {
                _highestField = number;
            }
        }

        /// <summary>Declares the digit widths of a numeric field's sub-fields (CUP F60: 2, 6, 3, 1, 1, 1, 3).</summary>
        public void DefineSubfields(int number, byte[] widths)
        {
            _subfieldWidths[number] = widths;
        }

        /// <summary>Whether field <paramref name="number"/> is defined.</summary>
        public bool IsDefined(int number) => number >= 2 && number <= MaxFieldNumber && _type[number] != 0;

        /// <summary>The spec of field <paramref name="number"/> (Type None when undefined).</summary>
        public FieldSpec GetSpec(int number)
        {
            var spec = default(FieldSpec);
            spec.Number = number;
            if (IsDefined(number))
            {
                spec.Type = (FieldType)_type[number];
                spec.LengthKind = (LengthKind)_lengthKind[number];
                spec.Length = _length[number];
                spec.Encoding = (FieldEncoding)_encoding[number];
                spec.Alignment = (BcdAlignment)_alignment[number];
                spec.Name = _name[number];
            }

            return spec;
        }

        /// <summary>The name of field <paramref name="number"/> ("RRN" for F37), or null when undefined.</summary>
        public string? NameOf(int number) => number >= 2 && number <= MaxFieldNumber ? _name[number] : null;

        internal FieldType TypeOf(int number) => (FieldType)_type[number];

        internal LengthKind LengthKindOf(int number) => (LengthKind)_lengthKind[number];

        internal int LengthOf(int number) => _length[number];

        internal FieldEncoding EncodingOf(int number) => (FieldEncoding)_encoding[number];

        internal BcdAlignment AlignmentOf(int number) => (BcdAlignment)_alignment[number];

        /// <summary>Sub-field digit widths of a field, or null when it has none.</summary>
        public byte[]? SubfieldWidths(int number) => number >= 2 && number <= MaxFieldNumber ? _subfieldWidths[number] : null;

        /// <summary>Bytes the MTI occupies.</summary>
        public int MtiWireLength => MtiEncoding == FieldEncoding.Bcd ? 2 : 4;

        /// <summary>Bytes one 64-bit bitmap occupies.</summary>
        public int BitmapWireLength => BitmapEncoding == FieldEncoding.Hex ? 16 : 8;

        /// <summary>Bytes a length prefix of <paramref name="kind"/> occupies.</summary>
        public int PrefixWireLength(LengthKind kind)
        {
            if (kind == LengthKind.Fixed)
            {
                return 0;
            }

            if (PrefixEncoding == FieldEncoding.Bcd)
            {
                return kind == LengthKind.LLVar ? 1 : 2;
            }

            return kind == LengthKind.LLVar ? 2 : 3;
        }
    }
}
