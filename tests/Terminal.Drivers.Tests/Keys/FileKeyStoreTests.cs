using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Xunit;

namespace Terminal.Drivers.Tests.Keys;

/// <summary>The simulator's encrypted key-store file.</summary>
public sealed class FileKeyStoreTests : IDisposable
{
    // A low iteration count keeps the passphrase tests fast; the default is the production figure.
    private const int FastIterations = 1000;
    private static readonly byte[] Tmk = Convert.FromHexString("70F2A84CCBC2AE8625CBB0F2C22AB923");
    private static readonly byte[] Pik = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");

    private readonly string _dir = Directory.CreateTempSubdirectory("keystore-").FullName;

    private string StorePath => Path.Combine(_dir, "keys.bin");

    private string SecretPath => Path.Combine(_dir, "device.secret");

    public void Dispose() => Directory.Delete(_dir, true);

    private static byte[] Slot(IKeyStore store, int slot)
    {
        byte[] buffer = new byte[64];
        int n = store.Load(slot, buffer, 0);
        return n < 0 ? [] : buffer[..n];
    }

    [Fact]
    public void Keys_stored_by_one_instance_are_loaded_by_the_next_one_with_the_same_secret()
    {
        using (var first = FileKeyStore.OpenWithSecretFile(StorePath, SecretPath))
        {
            first.Store(KeySlot.Tmk, Tmk, 0, 16);
            first.Store(KeySlot.Pik, Pik, 0, 16);
            first.Store(KeySlot.Mak, Pik, 0, 8);
            first.Erase(KeySlot.Mak);
        }

        using var second = FileKeyStore.OpenWithSecretFile(StorePath, SecretPath);
        Assert.Equal(Tmk, Slot(second, KeySlot.Tmk));
        Assert.Equal(Pik, Slot(second, KeySlot.Pik));
        Assert.Equal(-1, second.Load(KeySlot.Mak, new byte[16], 0));
    }

    [Fact]
    public void A_passphrase_store_round_trips_and_a_wrong_passphrase_is_refused()
    {
        using (var first = FileKeyStore.OpenWithPassphrase(StorePath, "correct horse", FastIterations))
        {
            first.Store(KeySlot.Pik, Pik, 0, 16);
        }

        using (var again = FileKeyStore.OpenWithPassphrase(StorePath, "correct horse", FastIterations))
        {
            Assert.Equal(Pik, Slot(again, KeySlot.Pik));
        }

        var e = Assert.Throws<KeyStoreException>(() => FileKeyStore.OpenWithPassphrase(StorePath, "wrong horse", FastIterations));
        Assert.Contains("does not authenticate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_device_secret_cannot_open_the_file()
    {
        using (var store = FileKeyStore.OpenWithSecretFile(StorePath, SecretPath))
        {
            store.Store(KeySlot.Tmk, Tmk, 0, 16);
        }

        File.WriteAllBytes(SecretPath, new byte[32]);

        Assert.Throws<KeyStoreException>(() => FileKeyStore.OpenWithSecretFile(StorePath, SecretPath));
    }

    [Theory]
    [InlineData(0)]    // the magic
    [InlineData(10)]   // the salt
    [InlineData(25)]   // the nonce
    [InlineData(40)]   // the tag
    [InlineData(-1)]   // the last ciphertext byte
    public void A_changed_byte_anywhere_is_a_clear_error_that_names_no_key(int position)
    {
        using (var store = FileKeyStore.OpenWithSecretFile(StorePath, SecretPath))
        {
            store.Store(KeySlot.Tmk, Tmk, 0, 16);
        }

        byte[] file = File.ReadAllBytes(StorePath);
        file[position < 0 ? file.Length + position : position] ^= 0x01;
        File.WriteAllBytes(StorePath, file);

        var e = Assert.Throws<KeyStoreException>(() => FileKeyStore.OpenWithSecretFile(StorePath, SecretPath));
        Assert.DoesNotContain(Convert.ToHexString(Tmk), e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        using (var store = FileKeyStore.OpenWithSecretFile(StorePath, SecretPath))
        {
            store.Store(KeySlot.Tmk, Tmk, 0, 16);
        }

        byte[] file = File.ReadAllBytes(StorePath);
        File.WriteAllBytes(StorePath, file[..(file.Length - 5)]);

        Assert.Throws<KeyStoreException>(() => FileKeyStore.OpenWithSecretFile(StorePath, SecretPath));
    }

    [Fact]
    public void No_key_is_in_the_file_in_clear_nor_either_half_of_it()
    {
        using (var store = FileKeyStore.OpenWithSecretFile(StorePath, SecretPath))
        {
            store.Store(KeySlot.Tmk, Tmk, 0, 16);
            store.Store(KeySlot.Pik, Pik, 0, 16);
        }

        byte[] file = File.ReadAllBytes(StorePath);
        foreach (byte[] key in new[] { Tmk, Pik })
        {
            Assert.Equal(-1, file.AsSpan().IndexOf(key.AsSpan(0, 8)));
            Assert.Equal(-1, file.AsSpan().IndexOf(key.AsSpan(8, 8)));
            string text = System.Text.Encoding.Latin1.GetString(file);
            Assert.DoesNotContain(Convert.ToHexString(key), text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Each_write_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        using var store = FileKeyStore.OpenWithSecretFile(StorePath, SecretPath);
        byte[] before = File.ReadAllBytes(StorePath);

        store.Store(KeySlot.Tmk, Tmk, 0, 16);

        byte[] after = File.ReadAllBytes(StorePath);
        Assert.NotEqual(before, after);
        Assert.False(File.Exists(StorePath + ".tmp"));
        Assert.Single(Directory.GetFiles(_dir, "keys.bin*"));
    }

    [Fact]
    public void Storing_the_same_key_twice_writes_different_bytes_because_each_write_has_a_fresh_nonce()
    {
        using var store = FileKeyStore.OpenWithSecretFile(StorePath, SecretPath);
        store.Store(KeySlot.Tmk, Tmk, 0, 16);
        byte[] first = File.ReadAllBytes(StorePath);

        store.Store(KeySlot.Tmk, Tmk, 0, 16);

        Assert.NotEqual(first, File.ReadAllBytes(StorePath));
    }

    [Fact]
    public void A_secret_file_is_created_when_missing_and_it_and_the_store_are_readable_by_the_owner_only()
    {
        using var store = FileKeyStore.OpenWithSecretFile(StorePath, SecretPath);

        Assert.Equal(32, new FileInfo(SecretPath).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SecretPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StorePath));
        }
    }
}
