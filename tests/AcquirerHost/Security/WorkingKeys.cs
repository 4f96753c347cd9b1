using System.Security.Cryptography;
using Terminal.Drivers.Simulated.Crypto;

namespace AcquirerHost.Security;

/// <summary>
/// Issues a terminal's working keys at sign-in and lays them out for F62: PIK + CV(4) + MAK + CV(4), each key
/// encrypted under the TMK (DES/TDES ECB), each check value the first 4 bytes of the clear key encrypting
/// 8 zero bytes. Key length follows the TMK: a 16-byte (double-length, TDES) TMK gets 16-byte PIK and MAK,
/// so F62 is 40 bytes, the layout of FACTS.md; an 8-byte (single DES) TMK gets 8-byte keys and a 24-byte F62.
/// A sign-in with 60.3 = 004 adds the track data key, TDK (16) + CV(4): 60 bytes (docs/keys-and-pin.md).
/// </summary>
public static class WorkingKeys
{
    /// <summary>Bytes of a check value in F62.</summary>
    public const int CheckValueLength = 4;

    private static readonly HostCrypto Crypto = new();

    /// <summary>Whether <paramref name="key"/> can serve as a TMK: 8 or 16 bytes, not a DES weak key, and (16 bytes) halves that differ.</summary>
    public static bool IsUsableKey(byte[] key)
    {
        if (key.Length == 8)
        {
            return !DES.IsWeakKey(key) && !DES.IsSemiWeakKey(key);
        }

        return key.Length == 16 && !key.AsSpan(0, 8).SequenceEqual(key.AsSpan(8, 8)) && !TripleDES.IsWeakKey(key);
    }

    /// <summary>A fresh random key of <paramref name="length"/> bytes (8 or 16) with odd parity, never weak.</summary>
    public static byte[] NewKey(int length)
    {
        while (true)
        {
            byte[] key = RandomNumberGenerator.GetBytes(length);
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = WithOddParity(key[i]);
            }

            if (IsUsableKey(key))
            {
                return key;
            }
        }
    }

    /// <summary>The 4-byte check value of a clear key: the key encrypting 8 zero bytes, first 4 bytes.</summary>
    public static byte[] CheckValue(byte[] key)
    {
        var zero = new byte[8];
        var output = new byte[8];
        Crypto.DesBlock(true, key, 0, key.Length, zero, 0, output, 0);
        return output[..CheckValueLength];
    }

    /// <summary>Encrypts (or decrypts) a key under another, block by block in ECB.</summary>
    public static byte[] Transform(bool encrypt, byte[] kek, byte[] key)
    {
        var output = new byte[key.Length];
        for (int i = 0; i < key.Length; i += 8)
        {
            Crypto.DesBlock(encrypt, kek, 0, kek.Length, key, i, output, i);
        }

        return output;
    }

    /// <summary>F62 of a sign-in response: the PIK, MAK and (when issued) TDK encrypted under the TMK, each followed by its check value.</summary>
    public static byte[] Field62(byte[] tmk, byte[] pik, byte[] mak, byte[]? tdk = null)
    {
        byte[] keys = [.. Transform(true, tmk, pik), .. CheckValue(pik), .. Transform(true, tmk, mak), .. CheckValue(mak)];
        return tdk == null ? keys : [.. keys, .. Transform(true, tmk, tdk), .. CheckValue(tdk)];
    }

    /// <summary>The TDK of a 60-byte F62 (after PIK and MAK), decrypted under the TMK; false when absent or its check value is wrong.</summary>
    public static bool TryOpenTrackKey(byte[] tmk, byte[] field62, out byte[] tdk)
    {
        tdk = [];
        if (tmk.Length != 16 || field62.Length != 60)
        {
            return false;
        }

        tdk = Transform(false, tmk, field62[40..56]);
        return CheckValue(tdk).AsSpan().SequenceEqual(field62.AsSpan(56, CheckValueLength));
    }

    /// <summary>
    /// The terminal's side of F62: decrypts the PIK and MAK under the TMK and checks both check values;
    /// false when the layout or a check value is wrong.
    /// </summary>
    public static bool TryOpenField62(byte[] tmk, byte[] field62, out byte[] pik, out byte[] mak)
    {
        pik = [];
        mak = [];
        int keyLength = tmk.Length;
        if (field62.Length == 60 && keyLength == 16)
        {
            field62 = field62[..40]; // PIK and MAK come first; the TDK after them (TryOpenTrackKey)
        }

        if (field62.Length != 2 * (keyLength + CheckValueLength))
        {
            return false;
        }

        pik = Transform(false, tmk, field62[..keyLength]);
        mak = Transform(false, tmk, field62[(keyLength + CheckValueLength)..((2 * keyLength) + CheckValueLength)]);
        return CheckValue(pik).AsSpan().SequenceEqual(field62.AsSpan(keyLength, CheckValueLength))
            && CheckValue(mak).AsSpan().SequenceEqual(field62.AsSpan((2 * keyLength) + CheckValueLength, CheckValueLength));
    }

    private static byte WithOddParity(byte b)
    {
        int ones = System.Numerics.BitOperations.PopCount((uint)(b & 0xFE));
        return (byte)((b & 0xFE) | ((ones & 1) == 0 ? 1 : 0));
    }
}
