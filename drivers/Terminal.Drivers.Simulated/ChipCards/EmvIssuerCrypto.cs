using Terminal.Drivers.Crypto;

namespace Terminal.Drivers.Simulated.ChipCards;

/// <summary>
/// The issuer's side of the simulated chip cards' cryptography, shared by the cards and the acquirer host
/// simulator: the card's unique key from an issuer master key (EMV Book 2 A1.4.1, Option A), the session key
/// for one ATC (EMV common session key derivation, Book 2 A1.3.1), application cryptograms and script MACs
/// (ISO/IEC 9797-1 MAC algorithm 3 with padding method 2, Book 2 A1.2), and the ARPC (Book 2 8.2.1, method 1).
/// All keys are double-length TDES keys (16 bytes).
/// </summary>
public static class EmvIssuerCrypto
{
    /// <summary>
    /// The card's unique key (UDK) under <paramref name="issuerMasterKey"/>, Option A: Y is the rightmost 16
    /// digits of PAN || PAN sequence number (two digits), packed; the key is TDES(IMK, Y) || TDES(IMK, Y xor FF..FF),
    /// with odd parity set.
    /// </summary>
    public static byte[] CardKey(byte[] issuerMasterKey, string pan, int panSequence)
    {
        string digits = pan + panSequence.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        digits = digits.Length >= 16 ? digits[^16..] : digits.PadLeft(16, '0');
        byte[] y = Convert.FromHexString(digits);
        byte[] inverted = new byte[8];
        for (int i = 0; i < 8; i++)
        {
            inverted[i] = (byte)~y[i];
        }

        byte[] key = [.. Tdes(issuerMasterKey, y), .. Tdes(issuerMasterKey, inverted)];
        return WithOddParity(key);
    }

    /// <summary>
    /// The session key for application transaction counter <paramref name="atc"/> (EMV common session key
    /// derivation): left half TDES(key, ATC || F0 || 00 00 00 00 00), right half TDES(key, ATC || 0F || 00 00 00 00 00).
    /// </summary>
    public static byte[] SessionKey(byte[] cardKey, int atc)
    {
        byte[] left = [(byte)(atc >> 8), (byte)atc, 0xF0, 0, 0, 0, 0, 0];
        byte[] right = [(byte)(atc >> 8), (byte)atc, 0x0F, 0, 0, 0, 0, 0];
        return [.. Tdes(cardKey, left), .. Tdes(cardKey, right)];
    }

    /// <summary>
    /// The data an application cryptogram covers on the simulated cards: the CDOL1 (or CDOL2) data as the
    /// terminal sent it, then the AIP (82) and the ATC (9F36) — the minimum set of EMV Book 2 8.1.1 when the
    /// CDOL asks for amount, other amount, country, TVR, currency, date, type and unpredictable number.
    /// </summary>
    public static byte[] CryptogramData(byte[] cdolData, byte[] aip, int atc) => [.. cdolData, .. aip, (byte)(atc >> 8), (byte)atc];

    /// <summary>An application cryptogram (ARQC, TC or AAC): the 8-byte MAC of <paramref name="data"/> under the session key.</summary>
    public static byte[] Cryptogram(byte[] sessionKey, byte[] data) => RetailMac(sessionKey, data);

    /// <summary>The ARQC the card with this PAN computed, from the issuer master key (what the host checks).</summary>
    public static byte[] Arqc(byte[] issuerMasterKey, string pan, int panSequence, int atc, byte[] cdolData, byte[] aip) =>
        Cryptogram(SessionKey(CardKey(issuerMasterKey, pan, panSequence), atc), CryptogramData(cdolData, aip, atc));

    /// <summary>ARPC method 1: TDES(session key, ARQC xor (ARC || 00 00 00 00 00 00)), 8 bytes.</summary>
    public static byte[] Arpc(byte[] sessionKey, byte[] arqc, byte[] arc)
    {
        byte[] block = (byte[])arqc.Clone();
        block[0] ^= arc[0];
        block[1] ^= arc[1];
        return Tdes(sessionKey, block);
    }

    /// <summary>
    /// The issuer authentication data (tag 91) for the card's ARQC: ARPC (8 bytes) || ARC (2 bytes, ASCII
    /// response code such as "00"), made from the issuer master key.
    /// </summary>
    public static byte[] IssuerAuthenticationData(byte[] issuerMasterKey, string pan, int panSequence, int atc, byte[] arqc, byte[] arc)
    {
        byte[] sessionKey = SessionKey(CardKey(issuerMasterKey, pan, panSequence), atc);
        return [.. Arpc(sessionKey, arqc, arc), .. arc];
    }

    /// <summary>
    /// The 4-byte MAC of an issuer script command (secure messaging for integrity, Book 2 9.2): over
    /// CLA INS P1 P2 Lc (Lc counting the MAC) || ATC || ARQC || command data, under the session key of the
    /// card's MAC key (<see cref="CardKey"/> from the issuer's MAC master key) for that ATC.
    /// </summary>
    public static byte[] ScriptMac(byte[] macSessionKey, byte[] header4, byte[] data, int atc, byte[] arqc)
    {
        byte[] input = [.. header4, (byte)(data.Length + 4), (byte)(atc >> 8), (byte)atc, .. arqc, .. data];
        return RetailMac(macSessionKey, input)[..4];
    }

    /// <summary>
    /// An issuer script command ready for tag 86: header, Lc, data and its MAC; CLA 84 says secure messaging.
    /// </summary>
    public static byte[] ScriptCommand(byte[] issuerMacMasterKey, string pan, int panSequence, int atc, byte[] arqc, byte ins, byte p1, byte p2, byte[] data)
    {
        byte[] header = [0x84, ins, p1, p2];
        byte[] key = SessionKey(CardKey(issuerMacMasterKey, pan, panSequence), atc);
        byte[] mac = ScriptMac(key, header, data, atc, arqc);
        return [.. header, (byte)(data.Length + 4), .. data, .. mac];
    }

    /// <summary>ISO/IEC 9797-1 MAC algorithm 3 (single-DES CBC under the left half, then decrypt right, encrypt left), padding method 2.</summary>
    public static byte[] RetailMac(byte[] key, byte[] data)
    {
        int blocks = (data.Length / 8) + 1;
        byte[] padded = new byte[blocks * 8];
        data.CopyTo(padded, 0);
        padded[data.Length] = 0x80;
        byte[] left = key[..8];
        byte[] right = key[8..16];
        byte[] h = new byte[8];
        for (int b = 0; b < blocks; b++)
        {
            for (int i = 0; i < 8; i++)
            {
                h[i] ^= padded[(b * 8) + i];
            }

            h = Des(true, left, h);
        }

        return Des(true, left, Des(false, right, h));
    }

    /// <summary>TDES (two-key EDE) ECB of one 8-byte block.</summary>
    public static byte[] Tdes(byte[] key, byte[] block) => Des(true, key, block);

    private static byte[] Des(bool encrypt, byte[] key, byte[] block)
    {
        byte[] output = new byte[8];
        new SoftwareDes().Block(encrypt, key, 0, key.Length, block, 0, output, 0);
        return output;
    }

    private static byte[] WithOddParity(byte[] key)
    {
        for (int i = 0; i < key.Length; i++)
        {
            int b = key[i] & 0xFE;
            int ones = System.Numerics.BitOperations.PopCount((uint)b);
            key[i] = (byte)(b | (ones % 2 == 0 ? 1 : 0));
        }

        return key;
    }
}
