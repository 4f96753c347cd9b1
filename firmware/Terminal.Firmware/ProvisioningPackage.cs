using Terminal.Core.Host;
using Terminal.Core.Payments;
using Terminal.Core.Payments.Store;
using Terminal.Core.Security;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Firmware
{
    /// <summary>What became of a provisioning package at boot.</summary>
    public enum PackageOutcome
    {
        /// <summary>No package waiting.</summary>
        None,

        /// <summary>Applied: profile and e-invoice page journaled, invoice key stored, the package wiped and deleted.</summary>
        Applied,

        /// <summary>Refused (the reason says why): nothing changed; the package wiped and deleted, as its key must not stay on the drive.</summary>
        Refused,

        /// <summary>A good package on a terminal with no TID and MID yet: kept, applied at the first boot after set-up.</summary>
        WaitsForSetUp,

        /// <summary>A good package the journal had no room for: kept, tried again at the next boot.</summary>
        Deferred,
    }

    /// <summary>
    /// The device provisioning package (`terminal provision --device-file`, docs/technician-guide.md): what a
    /// technician's provisioning file gives that the keypad cannot, as the terminal stores it. Layout, big-endian:
    /// "TPRV", version (1), body length (u16); the body: MID (15 ASCII digits), TID (8), the merchant profile's length
    /// (u16) and the profile exactly as its journal record holds it (<see cref="ProfileRecord"/>: name, hotline,
    /// contact, glyphs with their GB18030 codes, the e-invoice page's URL), the invoice key's length (u8) and the key;
    /// then CRC-32 of everything before it. Every field is checked before anything is changed; the MID and TID say
    /// which terminal it is for (the invoice key is that terminal's), never set it, and no key but the invoice key
    /// is ever in it.
    /// </summary>
    public sealed class ProvisioningPackage
    {
        /// <summary>The layout's version this firmware reads.</summary>
        public const int Version = 1;

        /// <summary>Fewest bytes of the invoice key (the link's signature is 128 bits).</summary>
        public const int MinKey = 16;

        /// <summary>Most bytes of the invoice key (HMAC-SHA256's block; the e-invoice signer loads at most this).</summary>
        public const int MaxKey = 64;

        // "TPRV", the version, the body's length.
        private const int HeaderBytes = 7;
        private const int IdentityBytes = 15 + 8;

        /// <summary>Largest package: header, identity, the largest profile record, the longest key, the CRC.</summary>
        public const int MaxBytes = HeaderBytes + IdentityBytes + 2 + ProfileRecord.MaxEncoded + 1 + MaxKey + 4;

        private readonly byte[] _key = new byte[MaxKey];
        private int _keyLength;

        /// <summary>The merchant the package is for.</summary>
        public string MerchantId { get; private set; } = string.Empty;

        /// <summary>The terminal the package is for.</summary>
        public string TerminalId { get; private set; } = string.Empty;

        /// <summary>The merchant profile it carries, with the e-invoice page's URL.</summary>
        public ProfileRecord Profile { get; } = new ProfileRecord();

        /// <summary>Bytes of the invoice key it carries.</summary>
        public int KeyLength => _keyLength;

        /// <summary>The package for <paramref name="merchantId"/>'s <paramref name="terminalId"/>: <paramref name="profile"/> (with its URL) and the invoice key.</summary>
        public static byte[] Encode(string merchantId, string terminalId, ProfileRecord profile, byte[] key, int offset, int length)
        {
            int body = IdentityBytes + 2 + profile.EncodedSize + 1 + length;
            var b = new byte[HeaderBytes + body + 4];
            b[0] = (byte)'T';
            b[1] = (byte)'P';
            b[2] = (byte)'R';
            b[3] = (byte)'V';
            b[4] = Version;
            BigEndian.Put16(b, 5, body);
            int p = PutAscii(b, HeaderBytes, merchantId, 15);
            p = PutAscii(b, p, terminalId, 8);
            BigEndian.Put16(b, p, profile.EncodedSize);
            p = profile.Encode(b, p + 2);
            b[p++] = (byte)length;
            System.Array.Copy(key, offset, b, p, length);
            p += length;
            BigEndian.Put32(b, p, Crc32.Compute(b, 0, p));
            return b;
        }

        /// <summary>
        /// Reads and checks the package in <paramref name="b"/>'s first <paramref name="length"/> bytes; empty when it is
        /// good, else the reason it is refused. Never throws on any bytes.
        /// </summary>
        public string Parse(byte[] b, int length)
        {
            _keyLength = 0;
            if (length > MaxBytes)
            {
                return "oversize: " + length.ToString() + " bytes, at most " + MaxBytes.ToString();
            }

            if (length < HeaderBytes + 4)
            {
                return "truncated: " + length.ToString() + " bytes";
            }

            if (b[0] != 'T' || b[1] != 'P' || b[2] != 'R' || b[3] != 'V')
            {
                return "not a provisioning package";
            }

            if (b[4] != Version)
            {
                return "version " + b[4].ToString() + ", this firmware reads " + Version.ToString();
            }

            int end = HeaderBytes + BigEndian.Get16(b, 5);
            if (end + 4 != length)
            {
                return end + 4 > length ? "truncated: " + length.ToString() + " bytes of " + (end + 4).ToString()
                    : (length - end - 4).ToString() + " bytes after its end";
            }

            if (Crc32.Compute(b, 0, end) != BigEndian.Get32(b, end))
            {
                return "CRC mismatch";
            }

            return ParseBody(b, HeaderBytes, end);
        }

        /// <summary>
        /// Takes the package <paramref name="drop"/> holds, if any: checks it, and for this terminal journals the
        /// profile with the e-invoice page and stores the invoice key, then consumes the package; a refused one changes
        /// nothing and is consumed too (wiped and deleted: its key must not stay on the drive). A power cut anywhere leaves the package to be applied again at the next boot.
        /// <paramref name="reason"/> says why a package was refused or deferred.
        /// </summary>
        public static PackageOutcome Take(IProvisioningDrop? drop, PaymentStore store, IKeyStore keys, out string reason)
        {
            reason = string.Empty;
            int size = drop == null ? -1 : drop.Size();
            if (drop == null || size < 0)
            {
                return PackageOutcome.None;
            }

            byte[] bytes = new byte[size > MaxBytes ? 0 : size];
            if (size > MaxBytes)
            {
                reason = "oversize: " + size.ToString() + " bytes, at most " + MaxBytes.ToString();
            }
            else if (!drop.Read(bytes, size))
            {
                reason = "unreadable";
            }
            else if (size >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0)
            {
                // What a wipe cut short by a power cut left of an applied package: finish it.
                drop.Consume();
                return PackageOutcome.None;
            }

            var package = new ProvisioningPackage();
            if (reason.Length == 0)
            {
                reason = package.Parse(bytes, size);
                Wipe.Bytes(bytes, 0, bytes.Length);
            }

            TerminalIdentity? identity = store.Identity;
            if (reason.Length == 0 && identity == null)
            {
                package.Clear();
                return PackageOutcome.WaitsForSetUp;
            }

            if (reason.Length == 0 && identity != null && (identity.MerchantId != package.MerchantId || identity.TerminalId != package.TerminalId))
            {
                reason = "for terminal " + package.TerminalId + " of merchant " + package.MerchantId + ", not this one";
            }

            if (reason.Length > 0)
            {
                package.Clear();
                drop.Consume();
                return PackageOutcome.Refused;
            }

            // The profile first: a key with no page to sign for is worse than the old key a little longer.
            ProfileRecord p = package.Profile;
            if (!store.SetProfile(p.Name, p.Hotline, p.Contact, p.InvoiceUrl, p.Glyphs))
            {
                reason = store.Problem;
                package.Clear();
                return PackageOutcome.Deferred;
            }

            keys.Store(KeySlot.InvoiceKey, package._key, 0, package._keyLength);
            package.Clear();
            drop.Consume();
            return PackageOutcome.Applied;
        }

        /// <summary>Zeroes the invoice key it holds.</summary>
        public void Clear()
        {
            Wipe.Bytes(_key, 0, _key.Length);
            _keyLength = 0;
        }

        private string ParseBody(byte[] b, int at, int end)
        {
            if (end - at < IdentityBytes + 2)
            {
                return "truncated: no room for the identity";
            }

            string problem = Digits(b, at, 15, "merchant ID");
            if (problem.Length > 0)
            {
                return problem;
            }

            problem = Digits(b, at + 15, 8, "terminal ID");
            if (problem.Length > 0)
            {
                return problem;
            }

            MerchantId = new string(Chars(b, at, 15));
            TerminalId = new string(Chars(b, at + 15, 8));
            int p = at + IdentityBytes;
            int profileEnd = p + 2 + BigEndian.Get16(b, p);
            p += 2;
            if (profileEnd - p > ProfileRecord.MaxEncoded || profileEnd >= end)
            {
                return "profile: " + (profileEnd - p).ToString() + " bytes, more than the package or a journal record holds";
            }

            problem = GlyphCount(b, p, profileEnd);
            if (problem.Length > 0)
            {
                return problem;
            }

            ProfileRecord profile = Profile;
            if (!profile.Decode(b, p, profileEnd))
            {
                return "profile: malformed";
            }

            problem = MerchantProfile.Check(profile.Name, profile.Hotline, profile.Contact);
            if (problem.Length == 0)
            {
                problem = profile.InvoiceUrl.Length == 0 ? "invoice URL: missing" : MerchantProfile.CheckInvoiceUrl(profile.InvoiceUrl);
            }

            if (problem.Length > 0)
            {
                return problem;
            }

            int keyLength = b[profileEnd];
            if (keyLength < MinKey || keyLength > MaxKey)
            {
                return "invoice key: " + keyLength.ToString() + " bytes, not " + MinKey.ToString() + " to " + MaxKey.ToString();
            }

            if (profileEnd + 1 + keyLength != end)
            {
                return "invoice key: its length does not end the package";
            }

            System.Array.Copy(b, profileEnd + 1, _key, 0, keyLength);
            _keyLength = keyLength;
            return string.Empty;
        }

        // The glyph count, found past the name, hotline and contact (each a length byte and its bytes), against the
        // most a profile carries and the bytes the section has for them.
        private static string GlyphCount(byte[] b, int at, int end)
        {
            int p = at;
            for (int field = 0; field < 3 && p < end; field++)
            {
                p += 1 + b[p];
            }

            if (p >= end)
            {
                return "profile: truncated before its glyphs";
            }

            int count = b[p] & ~ProfileRecord.UrlFollows;
            int room = (end - p - 1) / (4 + GlyphSupplement.GlyphBytes);
            if (count > MerchantProfile.MaxGlyphs)
            {
                return "glyph count " + count.ToString() + ", more than " + MerchantProfile.MaxGlyphs.ToString();
            }

            return count > room ? "glyph count " + count.ToString() + ", but room for " + room.ToString() : string.Empty;
        }

        private static string Digits(byte[] b, int at, int count, string what)
        {
            for (int i = 0; i < count; i++)
            {
                if (b[at + i] < '0' || b[at + i] > '9')
                {
                    return what + ": not " + count.ToString() + " digits";
                }
            }

            return string.Empty;
        }

        private static char[] Chars(byte[] b, int at, int count)
        {
            var chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)b[at + i];
            }

            return chars;
        }

        private static int PutAscii(byte[] b, int at, string text, int count)
        {
            for (int i = 0; i < count; i++)
            {
                b[at + i] = i < text.Length ? (byte)text[i] : (byte)'0';
            }

            return at + count;
        }
    }
}
