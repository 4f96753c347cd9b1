namespace Terminal.Core.Messages.Iso8583
{
    /// <summary>Why packing or unpacking failed.</summary>
    public enum Iso8583ErrorCode
    {
        /// <summary>No error.</summary>
        None = 0,
        /// <summary>The bytes end before the message does.</summary>
        Truncated = 1,
        /// <summary>A length prefix is not a number, or exceeds the field's maximum.</summary>
        BadLength = 2,
        /// <summary>A BCD nibble is not a digit (or a track separator in a z field).</summary>
        BadBcd = 3,
        /// <summary>A character is not allowed by the field's type (or is not a hex digit).</summary>
        BadCharacter = 4,
        /// <summary>The bitmap names a field the profile does not define.</summary>
        UndefinedField = 5,
        /// <summary>Bytes remain after the last field.</summary>
        TrailingBytes = 6,
        /// <summary>The destination buffer is too small.</summary>
        BufferTooSmall = 7,
        /// <summary>A field's value has the wrong length for its spec.</summary>
        WrongLength = 8,
        /// <summary>The MTI is missing or not four digits.</summary>
        BadMti = 9,
        /// <summary>The header (TPDU + header) is missing or has the wrong length.</summary>
        BadHeader = 10,
        /// <summary>The message's scratch space for numbers and composed fields is full.</summary>
        ScratchFull = 11,
        /// <summary>The field is absent.</summary>
        Absent = 12,
    }

    /// <summary>
    /// The outcome of a pack or unpack: a code, the field number it concerns (0 = MTI, 1 = bitmap, -1 = the
    /// message as a whole: header, trailing bytes), the field's name in its profile, and the byte offset
    /// from the start of the message. A value type, so reporting an error allocates nothing until
    /// <see cref="Message"/> is read.
    /// </summary>
    public struct Iso8583Error
    {
        /// <summary>What went wrong; <see cref="Iso8583ErrorCode.None"/> on success.</summary>
        public Iso8583ErrorCode Code;

        /// <summary>The field concerned: 2..128, 0 for the MTI, 1 for a bitmap, -1 for the whole message.</summary>
        public int Field;

        /// <summary>Byte offset from the start of the message (the TPDU for CUP).</summary>
        public int Offset;

        /// <summary>The field's name in its profile ("Track 2"), or null (MTI, bitmap, message, undefined field).</summary>
        public string? FieldName;

        /// <summary>Creates an error value.</summary>
        public Iso8583Error(Iso8583ErrorCode code, int field, int offset)
            : this(code, field, offset, null)
        {
        }

        /// <summary>Creates an error value about a named field.</summary>
        public Iso8583Error(Iso8583ErrorCode code, int field, int offset, string? fieldName)
        {
            Code = code;
            Field = field;
            Offset = offset;
            FieldName = fieldName;
        }

        /// <summary>Whether this is an error.</summary>
        public bool IsError => Code != Iso8583ErrorCode.None;

        /// <summary>A one-line description, e.g. "F35 Track 2: bad BCD nibble at byte 42".</summary>
        public string Message
        {
            get
            {
                if (Code == Iso8583ErrorCode.None)
                {
                    return "ok";
                }

                string where = Field == 0 ? "MTI" : Field == 1 ? "bitmap" : Field < 0 ? "message"
                    : FieldName == null ? "F" + Field.ToString() : "F" + Field.ToString() + " " + FieldName;
                return where + ": " + Describe(Code) + " at byte " + Offset.ToString();
            }
        }

        /// <inheritdoc />
        public override string ToString() => Message;

        private static string Describe(Iso8583ErrorCode code)
        {
            switch (code)
            {
                case Iso8583ErrorCode.Truncated: return "truncated";
                case Iso8583ErrorCode.BadLength: return "bad length";
                case Iso8583ErrorCode.BadBcd: return "bad BCD nibble";
                case Iso8583ErrorCode.BadCharacter: return "character not allowed";
                case Iso8583ErrorCode.UndefinedField: return "not defined in the profile";
                case Iso8583ErrorCode.TrailingBytes: return "trailing bytes";
                case Iso8583ErrorCode.BufferTooSmall: return "buffer too small";
                case Iso8583ErrorCode.WrongLength: return "wrong length for the field";
                case Iso8583ErrorCode.BadMti: return "bad MTI";
                case Iso8583ErrorCode.BadHeader: return "bad header";
                case Iso8583ErrorCode.ScratchFull: return "scratch space full";
                case Iso8583ErrorCode.Absent: return "absent";
                default: return "error";
            }
        }
    }
}
