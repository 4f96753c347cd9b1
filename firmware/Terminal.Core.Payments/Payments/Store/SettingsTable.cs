namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// The terminal's settings (<see cref="StoreSetting"/>), one byte each, 0 by default. Record: Settings; a snapshot
    /// restates them as all 0, and the settings record compaction writes right after it restates the rest.
    /// </summary>
    internal sealed class SettingsTable
    {
        /// <summary>Settings (0x06).</summary>
        public readonly SettingsRecord Record = new SettingsRecord();

        private readonly byte[] _values = new byte[StoreSetting.Count];

        /// <summary>The value of setting <paramref name="id"/>; 0 when never set or unknown.</summary>
        public int Get(int id) => id > 0 && id < StoreSetting.Count ? _values[id] : 0;

        /// <summary>Setting <paramref name="id"/> back to 0 (a record that ends what it stood for).</summary>
        public void Clear(int id) => _values[id] = 0;

        /// <summary>Every setting back to 0.</summary>
        public void Reset()
        {
            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = 0;
            }
        }

        /// <summary>Takes the settings the record carries.</summary>
        public void Apply(SettingsRecord r)
        {
            for (int id = 1; id < StoreSetting.Count; id++)
            {
                if (r.Has(id))
                {
                    _values[id] = (byte)r.Value(id);
                }
            }
        }

        /// <summary>Puts every setting that is not 0 into <paramref name="r"/> (compaction); false when there is none.</summary>
        public bool Fill(SettingsRecord r)
        {
            r.Clear();
            bool any = false;
            for (int id = 1; id < StoreSetting.Count; id++)
            {
                if (_values[id] != 0)
                {
                    r.Set(id, _values[id]);
                    any = true;
                }
            }

            return any;
        }
    }
}
