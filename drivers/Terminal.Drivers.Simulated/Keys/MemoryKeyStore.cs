using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Keys;

/// <summary>A key store in RAM for tests and throw-away simulator runs (gone when the process ends).</summary>
public sealed class MemoryKeyStore : IKeyStore
{
    private readonly Dictionary<int, byte[]> _slots = [];

    /// <inheritdoc />
    public int Load(int slot, byte[] dest, int offset)
    {
        if (!_slots.TryGetValue(slot, out var key))
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

    /// <inheritdoc />
    public void Store(int slot, byte[] key, int offset, int length)
    {
        if (_slots.TryGetValue(slot, out var old))
        {
            Array.Clear(old);
        }

        _slots[slot] = key.AsSpan(offset, length).ToArray();
    }

    /// <inheritdoc />
    public void Erase(int slot)
    {
        if (_slots.Remove(slot, out var old))
        {
            Array.Clear(old);
        }
    }
}
