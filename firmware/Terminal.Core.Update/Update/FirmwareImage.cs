namespace Terminal.Core.Update
{
    /// <summary>How a firmware image (or a slot holding one) checked out.</summary>
    public enum ImageCheck
    {
        /// <summary>Header sane, digest as expected, signature good under the update key.</summary>
        Valid = 0,
        /// <summary>Nothing there (erased flash).</summary>
        Blank = 1,
        /// <summary>The header's magic, format or reserved bytes are wrong.</summary>
        BadHeader = 2,
        /// <summary>The header announces more bytes than there are (or than the slot holds).</summary>
        Truncated = 3,
        /// <summary>The SHA-256 of header and payload is not the one announced by the host.</summary>
        BadDigest = 4,
        /// <summary>The signature does not verify under the update-signing public key.</summary>
        BadSignature = 5,
        /// <summary>No update-signing public key is loaded, so nothing can be trusted.</summary>
        NoKey = 6,
        /// <summary>Authentic, but its version is not newer than the running one (no downgrade) or failed its boot check before.</summary>
        VersionRefused = 7,
    }

    /// <summary>
    /// Layout of a signed firmware image: a 32-byte header, the payload, then a 64-byte ECDSA P-256 signature
    /// (r||s) over the SHA-256 of header and payload. Header: magic "TFWI", format 1, three zero bytes,
    /// version (4 bytes big-endian, major*10000 + minor*100 + patch), payload length (4 bytes big-endian),
    /// 16 zero bytes. The update-signing public key is 64 bytes, X||Y.
    /// </summary>
    public static class FirmwareImage
    {
        /// <summary>Bytes of the header.</summary>
        public const int HeaderLength = 32;

        /// <summary>Bytes of the SHA-256 digest the signature covers.</summary>
        public const int DigestLength = 32;

        /// <summary>Bytes of the signature (r||s, 32 bytes each).</summary>
        public const int SignatureLength = 64;

        /// <summary>Bytes of an update-signing public key (X||Y).</summary>
        public const int PublicKeyLength = 64;

        /// <summary>The header format this firmware reads.</summary>
        public const byte Format = 1;

        /// <summary>Largest version number (99.99.99).</summary>
        public const int MaxVersion = 999999;

        /// <summary>Total bytes of an image with <paramref name="payloadLength"/> bytes of payload.</summary>
        public static int TotalLength(int payloadLength) => HeaderLength + payloadLength + SignatureLength;

        /// <summary>A version number from its parts (1.2.3 is 10203).</summary>
        public static int Version(int major, int minor, int patch) => (major * 10000) + (minor * 100) + patch;

        /// <summary>A version number as text: 10203 is "1.2.3".</summary>
        public static string VersionText(int version)
        {
            if (version < 0)
            {
                return "none";
            }

            return (version / 10000).ToString() + "." + (version / 100 % 100).ToString() + "." + (version % 100).ToString();
        }

        /// <summary>Parses "1.2.3" (each part 0..99); -1 when it is not a version.</summary>
        public static int ParseVersion(string text)
        {
            int[] parts = new int[3];
            int part = 0;
            int digits = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '.')
                {
                    if (digits == 0 || part == 2)
                    {
                        return -1;
                    }

                    part++;
                    digits = 0;
                    continue;
                }

                if (c < '0' || c > '9' || digits == 2)
                {
                    return -1;
                }

                parts[part] = (parts[part] * 10) + (c - '0');
                digits++;
            }

            return part == 2 && digits > 0 ? Version(parts[0], parts[1], parts[2]) : -1;
        }

        /// <summary>Writes a header for <paramref name="version"/> and <paramref name="payloadLength"/>.</summary>
        public static void WriteHeader(byte[] dest, int offset, int version, int payloadLength)
        {
            for (int i = 0; i < HeaderLength; i++)
            {
                dest[offset + i] = 0;
            }

            dest[offset] = (byte)'T';
            dest[offset + 1] = (byte)'F';
            dest[offset + 2] = (byte)'W';
            dest[offset + 3] = (byte)'I';
            dest[offset + 4] = Format;
            Util.BigEndian.Put32(dest, offset + 8, (uint)version);
            Util.BigEndian.Put32(dest, offset + 12, (uint)payloadLength);
        }

        /// <summary>
        /// Reads a header: <see cref="ImageCheck.Valid"/> with its version and payload length, <see cref="ImageCheck.Blank"/>
        /// for erased flash, <see cref="ImageCheck.BadHeader"/> otherwise.
        /// </summary>
        public static ImageCheck ReadHeader(byte[] header, int offset, out int version, out int payloadLength)
        {
            version = -1;
            payloadLength = -1;
            bool blank = true;
            for (int i = 0; i < HeaderLength; i++)
            {
                if (header[offset + i] != 0xFF)
                {
                    blank = false;
                    break;
                }
            }

            if (blank)
            {
                return ImageCheck.Blank;
            }

            if (header[offset] != 'T' || header[offset + 1] != 'F' || header[offset + 2] != 'W' || header[offset + 3] != 'I' || header[offset + 4] != Format)
            {
                return ImageCheck.BadHeader;
            }

            for (int i = 5; i < HeaderLength; i++)
            {
                if ((i < 8 || i >= 16) && header[offset + i] != 0)
                {
                    return ImageCheck.BadHeader;
                }
            }

            uint v = Util.BigEndian.Get32(header, offset + 8);
            uint n = Util.BigEndian.Get32(header, offset + 12);
            if (v > MaxVersion || n > 0x7FFFFF00)
            {
                return ImageCheck.BadHeader;
            }

            version = (int)v;
            payloadLength = (int)n;
            return ImageCheck.Valid;
        }

        /// <summary>
        /// Checks a whole image held in memory (<paramref name="count"/> bytes): header, length, and the signature under
        /// <paramref name="publicKey"/>; the version comes out in <paramref name="version"/>.
        /// </summary>
        public static ImageCheck Verify(byte[] image, int offset, int count, byte[] publicKey, Terminal.Hal.ICrypto crypto, out int version)
        {
            int payloadLength;
            if (count < HeaderLength)
            {
                version = -1;
                return ImageCheck.Truncated;
            }

            ImageCheck header = ReadHeader(image, offset, out version, out payloadLength);
            if (header != ImageCheck.Valid)
            {
                return header;
            }

            if (TotalLength(payloadLength) != count)
            {
                return ImageCheck.Truncated;
            }

            byte[] digest = new byte[DigestLength];
            crypto.Sha256(image, offset, HeaderLength + payloadLength, digest, 0);
            byte[] signature = new byte[SignatureLength];
            System.Array.Copy(image, offset + HeaderLength + payloadLength, signature, 0, SignatureLength);
            return CheckSignature(publicKey, digest, signature, crypto);
        }

        /// <summary>Verifies <paramref name="signature"/> over <paramref name="digest"/> with the update key (none loaded: <see cref="ImageCheck.NoKey"/>).</summary>
        public static ImageCheck CheckSignature(byte[]? publicKey, byte[] digest, byte[] signature, Terminal.Hal.ICrypto crypto)
        {
            if (publicKey == null || publicKey.Length != PublicKeyLength)
            {
                return ImageCheck.NoKey;
            }

            return crypto.VerifySignature(Terminal.Hal.SignatureScheme.EcdsaP256Sha256, publicKey, digest, signature) ? ImageCheck.Valid : ImageCheck.BadSignature;
        }
    }
}
