using System.Security.Cryptography;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Keys;

/// <summary>The key-store file could not be opened: wrong secret, damaged or tampered, or not a key-store file.</summary>
public sealed class KeyStoreException(string message) : Exception(message);

/// <summary>
/// The simulator's protected key storage: every slot in one file, encrypted and authenticated with AES-256-GCM
/// under a key derived from a device secret (HKDF-SHA256 over a random 32-byte secret file) or a passphrase
/// (PBKDF2-SHA256). Each write picks a fresh nonce and replaces the file atomically (temporary file, flush,
/// rename), so a power cut leaves the old file or the new one, never half of each. A file that does not
/// authenticate (wrong secret, a flipped bit, a truncated copy) is refused with a <see cref="KeyStoreException"/>
/// that never carries key material. Keys are held in RAM only while the store is open and wiped on dispose.
/// </summary>
public sealed class FileKeyStore : IKeyStore, IDisposable
{
    /// <summary>PBKDF2 rounds for a passphrase (OWASP's 2023 figure for PBKDF2-HMAC-SHA256 is 600,000).</summary>
    public const int DefaultPassphraseIterations = 600_000;

    private const int SaltLength = 16;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 4 + 1 + SaltLength + NonceLength + TagLength;
    private const byte KdfHkdf = 1;
    private const byte KdfPbkdf2 = 2;
    private static readonly byte[] Magic = "TKS1"u8.ToArray();
    private static readonly byte[] HkdfInfo = "terminal key store v1"u8.ToArray();

    private readonly string _path;
    private readonly byte[] _salt;
    private readonly byte _kdf;
    private readonly byte[] _fileKey;
    private readonly SortedDictionary<int, byte[]> _slots = [];
    private readonly Lock _gate = new();

    private FileKeyStore(string path, byte kdf, byte[] salt, byte[] fileKey)
    {
        _path = path;
        _kdf = kdf;
        _salt = salt;
        _fileKey = fileKey;
    }

    /// <summary>Where the encrypted file is.</summary>
    public string Path => _path;

    /// <summary>
    /// Opens (or creates, empty) the store at <paramref name="storePath"/> keyed by the device secret in
    /// <paramref name="secretPath"/>; a missing secret file is created with 32 random bytes (owner-only on Unix).
    /// </summary>
    public static FileKeyStore OpenWithSecretFile(string storePath, string secretPath)
    {
        byte[] secret = ReadOrCreateSecret(secretPath);
        try
        {
            return Open(storePath, KdfHkdf, salt => HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt, HkdfInfo));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Opens (or creates, empty) the store at <paramref name="storePath"/> keyed by a passphrase.</summary>
    public static FileKeyStore OpenWithPassphrase(string storePath, string passphrase, int iterations = DefaultPassphraseIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1000);
        return Open(storePath, KdfPbkdf2, salt => Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, iterations, HashAlgorithmName.SHA256, 32));
    }

    /// <inheritdoc />
    public int Load(int slot, byte[] dest, int offset)
    {
        lock (_gate)
        {
            if (!_slots.TryGetValue(slot, out byte[]? key))
            {
                return -1;
            }

            if (offset < 0 || dest.Length - offset < key.Length)
            {
                return -1; // as FlashKeyStore: a key the buffer cannot hold is not usable
            }

            key.CopyTo(dest, offset);
            return key.Length;
        }
    }

    /// <inheritdoc />
    public void Store(int slot, byte[] key, int offset, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slot, 255);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 0xFFFF);
        lock (_gate)
        {
            if (_slots.TryGetValue(slot, out byte[]? old))
            {
                CryptographicOperations.ZeroMemory(old);
            }

            _slots[slot] = key.AsSpan(offset, length).ToArray();
            Save();
        }
    }

    /// <inheritdoc />
    public void Erase(int slot)
    {
        lock (_gate)
        {
            if (_slots.Remove(slot, out byte[]? old))
            {
                CryptographicOperations.ZeroMemory(old);
                Save();
            }
        }
    }

    /// <summary>Wipes the keys and the file key from RAM (the file stays).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (byte[] key in _slots.Values)
            {
                CryptographicOperations.ZeroMemory(key);
            }

            _slots.Clear();
            CryptographicOperations.ZeroMemory(_fileKey);
        }
    }

    private static FileKeyStore Open(string path, byte kdf, Func<byte[], byte[]> deriveKey)
    {
        if (!File.Exists(path))
        {
            byte[] salt = RandomNumberGenerator.GetBytes(SaltLength);
            var created = new FileKeyStore(path, kdf, salt, deriveKey(salt));
            created.Save();
            return created;
        }

        byte[] file = File.ReadAllBytes(path);
        if (file.Length < HeaderLength || !file.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new KeyStoreException($"{path} is not a key-store file (or is truncated)");
        }

        if (file[4] != kdf)
        {
            throw new KeyStoreException($"{path} was sealed with a {(file[4] == KdfPbkdf2 ? "passphrase" : "device secret file")}, not a {(kdf == KdfPbkdf2 ? "passphrase" : "device secret file")}");
        }

        byte[] fileSalt = file.AsSpan(5, SaltLength).ToArray();
        var store = new FileKeyStore(path, kdf, fileSalt, deriveKey(fileSalt));
        byte[] plain = new byte[file.Length - HeaderLength];
        try
        {
            using var aes = new AesGcm(store._fileKey, TagLength);
            aes.Decrypt(
                file.AsSpan(5 + SaltLength, NonceLength),
                file.AsSpan(HeaderLength),
                file.AsSpan(5 + SaltLength + NonceLength, TagLength),
                plain,
                file.AsSpan(0, 5 + SaltLength));
            store.Parse(plain);
            return store;
        }
        catch (AuthenticationTagMismatchException)
        {
            store.Dispose();
            throw new KeyStoreException($"{path} does not authenticate: wrong secret, or the file was changed or damaged");
        }
        catch (KeyStoreException)
        {
            store.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    // Plaintext: per slot, slot (1 byte), length (2 bytes, big-endian), key bytes.
    private void Parse(byte[] plain)
    {
        int at = 0;
        while (at < plain.Length)
        {
            if (at + 3 > plain.Length)
            {
                throw new KeyStoreException($"{_path} has a malformed slot table");
            }

            int slot = plain[at];
            int length = (plain[at + 1] << 8) | plain[at + 2];
            at += 3;
            if (at + length > plain.Length)
            {
                throw new KeyStoreException($"{_path} has a malformed slot table");
            }

            _slots[slot] = plain.AsSpan(at, length).ToArray();
            at += length;
        }
    }

    private void Save()
    {
        int plainLength = 0;
        foreach (byte[] key in _slots.Values)
        {
            plainLength += 3 + key.Length;
        }

        byte[] plain = new byte[plainLength];
        byte[] file = new byte[HeaderLength + plainLength];
        try
        {
            int at = 0;
            foreach (var (slot, key) in _slots)
            {
                plain[at] = (byte)slot;
                plain[at + 1] = (byte)(key.Length >> 8);
                plain[at + 2] = (byte)key.Length;
                key.CopyTo(plain, at + 3);
                at += 3 + key.Length;
            }

            Magic.CopyTo(file, 0);
            file[4] = _kdf;
            _salt.CopyTo(file, 5);
            RandomNumberGenerator.Fill(file.AsSpan(5 + SaltLength, NonceLength));
            using (var aes = new AesGcm(_fileKey, TagLength))
            {
                aes.Encrypt(
                    file.AsSpan(5 + SaltLength, NonceLength),
                    plain,
                    file.AsSpan(HeaderLength),
                    file.AsSpan(5 + SaltLength + NonceLength, TagLength),
                    file.AsSpan(0, 5 + SaltLength));
            }

            string temp = _path + ".tmp";
            File.Delete(temp);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                // Encrypted, but still nobody else's business: owner-only like the secret.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(file);
                stream.Flush(true);
            }

            File.Move(temp, _path, true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] ReadOrCreateSecret(string secretPath)
    {
        if (File.Exists(secretPath))
        {
            byte[] secret = File.ReadAllBytes(secretPath);
            if (secret.Length < 16)
            {
                CryptographicOperations.ZeroMemory(secret);
                throw new KeyStoreException($"device secret file {secretPath} is shorter than 16 bytes");
            }

            return secret;
        }

        byte[] fresh = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(secretPath, options))
        {
            stream.Write(fresh);
            stream.Flush(true);
        }

        return fresh;
    }
}
