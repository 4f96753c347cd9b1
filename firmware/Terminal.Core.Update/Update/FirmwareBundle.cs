using Terminal.Core.Util;

namespace Terminal.Core.Update
{
    /// <summary>
    /// What a device firmware image's payload holds: the application's assemblies (nanoFramework .pe files), in
    /// load order (dependencies first), and the type whose static Main starts the application. Layout, after the
    /// image header: "TPB1", entry type name (1-byte length + ASCII), assembly count (1 byte), then per assembly
    /// its name (1-byte length + ASCII) and length (4 bytes, big-endian) followed by its bytes. The boot loader
    /// reads it straight from the booted slot (the signature was checked over all of it first); nothing here
    /// trusts a length without checking it against the payload.
    /// </summary>
    public sealed class FirmwareBundle
    {
        /// <summary>The payload's first four bytes.</summary>
        public static readonly byte[] Magic = new byte[] { (byte)'T', (byte)'P', (byte)'B', (byte)'1' };

        /// <summary>Most assemblies one image carries.</summary>
        public const int MaxAssemblies = 16;

        private readonly string[] _names = new string[MaxAssemblies];
        private readonly int[] _offsets = new int[MaxAssemblies];
        private readonly int[] _lengths = new int[MaxAssemblies];
        private readonly byte[] _buf = new byte[256];
        private int _count;
        private string _entryType = string.Empty;
        private string _problem = string.Empty;

        /// <summary>Assemblies in the bundle.</summary>
        public int Count => _count;

        /// <summary>Full name of the type whose static Main starts the application.</summary>
        public string EntryType => _entryType;

        /// <summary>Why <see cref="Read"/> refused the payload; empty when it did not.</summary>
        public string Problem => _problem;

        /// <summary>Name of assembly <paramref name="index"/>.</summary>
        public string Name(int index) => _names[index];

        /// <summary>Where assembly <paramref name="index"/> starts, from the start of the slot.</summary>
        public int Offset(int index) => _offsets[index];

        /// <summary>Bytes of assembly <paramref name="index"/>.</summary>
        public int Length(int index) => _lengths[index];

        /// <summary>
        /// Reads the directory of the bundle in <paramref name="slot"/> (whose image header says the payload is
        /// <paramref name="payloadLength"/> bytes). False, with <see cref="Problem"/>, when it is not a well-formed bundle.
        /// </summary>
        public bool Read(UpdateSlots slots, int slot, int payloadLength)
        {
            _count = 0;
            _entryType = string.Empty;
            int at = FirmwareImage.HeaderLength;
            int end = at + payloadLength;
            if (payloadLength < Magic.Length + 2 || end > slots.SlotCapacity)
            {
                return Fail("payload too short to be an application bundle");
            }

            slots.Read(slot, at, _buf, 0, Magic.Length + 1);
            for (int i = 0; i < Magic.Length; i++)
            {
                if (_buf[i] != Magic[i])
                {
                    return Fail("payload is not an application bundle (no TPB1)");
                }
            }

            at += Magic.Length;
            _entryType = ReadName(slots, slot, ref at, end);
            if (_entryType.Length == 0 || at >= end)
            {
                return Fail("bundle has no entry type");
            }

            slots.Read(slot, at++, _buf, 0, 1);
            int count = _buf[0];
            if (count == 0 || count > MaxAssemblies)
            {
                return Fail("bundle holds " + count.ToString() + " assemblies (1.." + MaxAssemblies.ToString() + ")");
            }

            for (int i = 0; i < count; i++)
            {
                string name = ReadName(slots, slot, ref at, end);
                if (name.Length == 0 || at + 4 > end)
                {
                    return Fail("bundle directory cut short at assembly " + (i + 1).ToString());
                }

                slots.Read(slot, at, _buf, 0, 4);
                int length = Codec.Get32(_buf, 0);
                at += 4;
                if (length <= 0 || length > end - at)
                {
                    return Fail(name + ": length runs past the payload");
                }

                _names[i] = name;
                _offsets[i] = at;
                _lengths[i] = length;
                at += length;
            }

            if (at != end)
            {
                return Fail("bytes after the last assembly");
            }

            _count = count;
            _problem = string.Empty;
            return true;
        }

        /// <summary>
        /// Builds a bundle payload (for the host-side signing tool and tests): <paramref name="names"/> and
        /// <paramref name="assemblies"/> in load order. Returns the bytes to sign.
        /// </summary>
        public static byte[] Build(string entryType, string[] names, byte[][] assemblies)
        {
            int size = Magic.Length + 1 + entryType.Length + 1;
            for (int i = 0; i < names.Length; i++)
            {
                size += 1 + names[i].Length + 4 + assemblies[i].Length;
            }

            byte[] b = new byte[size];
            System.Array.Copy(Magic, 0, b, 0, Magic.Length);
            int p = PutName(b, Magic.Length, entryType);
            b[p++] = (byte)names.Length;
            for (int i = 0; i < names.Length; i++)
            {
                p = PutName(b, p, names[i]);
                p = Codec.Put32(b, p, assemblies[i].Length);
                System.Array.Copy(assemblies[i], 0, b, p, assemblies[i].Length);
                p += assemblies[i].Length;
            }

            return b;
        }

        private static int PutName(byte[] b, int p, string name)
        {
            if (name.Length == 0 || name.Length > 255)
            {
                throw new System.ArgumentException("a name is 1..255 ASCII characters", nameof(name));
            }

            for (int i = 0; i < name.Length; i++)
            {
                if (name[i] < 0x20 || name[i] > 0x7E)
                {
                    throw new System.ArgumentException("a name is printable ASCII", nameof(name));
                }
            }

            return Codec.PutText(b, p, name, 255);
        }

        // A length-prefixed printable-ASCII name, or empty when it is missing, runs past the end or is not text.
        private string ReadName(UpdateSlots slots, int slot, ref int at, int end)
        {
            if (at >= end)
            {
                return string.Empty;
            }

            slots.Read(slot, at, _buf, 0, 1);
            int length = _buf[0];
            if (length == 0 || at + 1 + length > end)
            {
                return string.Empty;
            }

            slots.Read(slot, at + 1, _buf, 0, length);
            char[] text = new char[length];
            for (int i = 0; i < length; i++)
            {
                if (_buf[i] < 0x20 || _buf[i] > 0x7E)
                {
                    return string.Empty;
                }

                text[i] = (char)_buf[i];
            }

            at += 1 + length;
            return new string(text);
        }

        private bool Fail(string why)
        {
            _count = 0;
            _problem = why;
            return false;
        }
    }
}
