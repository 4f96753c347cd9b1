using Terminal.Hal;

namespace Terminal.Core.Training
{
    /// <summary>
    /// Keys of the training session, in RAM only: random MAC and PIN keys made when training starts, known to
    /// the training host and to nobody else, wiped when training ends.
    /// </summary>
    public sealed class RamKeyStore : IKeyStore
    {
        private const int Slots = 8;
        private const int MaxKey = 24;
        private readonly byte[] _keys = new byte[Slots * MaxKey];
        private readonly int[] _lengths = new int[Slots];

        /// <inheritdoc />
        public int Load(int slot, byte[] dest, int offset)
        {
            if (slot < 0 || slot >= Slots || _lengths[slot] == 0)
            {
                return -1;
            }

            System.Array.Copy(_keys, slot * MaxKey, dest, offset, _lengths[slot]);
            return _lengths[slot];
        }

        /// <inheritdoc />
        public void Store(int slot, byte[] key, int offset, int length)
        {
            if (slot < 0 || slot >= Slots || length <= 0 || length > MaxKey)
            {
                throw new System.ArgumentOutOfRangeException(nameof(slot));
            }

            Erase(slot);
            System.Array.Copy(key, offset, _keys, slot * MaxKey, length);
            _lengths[slot] = length;
        }

        /// <inheritdoc />
        public void Erase(int slot)
        {
            if (slot < 0 || slot >= Slots)
            {
                return;
            }

            for (int i = 0; i < MaxKey; i++)
            {
                _keys[(slot * MaxKey) + i] = 0;
            }

            _lengths[slot] = 0;
        }

        /// <summary>Wipes every key.</summary>
        public void EraseAll()
        {
            for (int slot = 0; slot < Slots; slot++)
            {
                Erase(slot);
            }
        }
    }
}
