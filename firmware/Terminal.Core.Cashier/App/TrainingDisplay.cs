using Terminal.Hal;

namespace Terminal.Core.App
{
    /// <summary>
    /// The display as the screens see it. In training mode the top row of the panel belongs to a banner
    /// ("TRAINING 培训模式") that no screen can overwrite: the screens get one row less and are drawn one row
    /// lower. Outside training it passes everything straight through.
    /// </summary>
    public sealed class TrainingDisplay : IDisplay
    {
        /// <summary>The banner on every screen in training mode.</summary>
        public const string Banner = "TRAINING 培训模式";

        private readonly IDisplay _panel;
        private string? _blank;
        private bool _training;

        /// <summary>Wraps the panel.</summary>
        public TrainingDisplay(IDisplay panel)
        {
            _panel = panel;
        }

        /// <summary>Whether the banner is up. Changing it clears the panel: redraw the screen after.</summary>
        public bool Training
        {
            get => _training;
            set
            {
                _training = value;
                Clear();
            }
        }

        /// <inheritdoc />
        public int Columns => _panel.Columns;

        /// <summary>A row of spaces as wide as the panel, allocated once: the ground of the inverse bars.</summary>
        public string BlankRow
        {
            get
            {
                if (_blank == null || _blank.Length != _panel.Columns)
                {
                    _blank = new string(' ', _panel.Columns);
                }

                return _blank;
            }
        }

        /// <inheritdoc />
        public int Rows => _training ? _panel.Rows - 1 : _panel.Rows;

        /// <inheritdoc />
        public void Clear()
        {
            _panel.Clear();
            if (_training)
            {
                _panel.Write(0, 0, BlankRow, TextStyle.Inverse);
                _panel.Write(0, ScreenText.Center(Banner, _panel.Columns), Banner, TextStyle.Inverse | TextStyle.Bold);
            }
        }

        /// <inheritdoc />
        public void Write(int row, int column, string text, TextStyle style) => _panel.Write(_training ? row + 1 : row, column, text, style);

        /// <inheritdoc />
        public void ClearRow(int row) => _panel.ClearRow(_training ? row + 1 : row);

        /// <inheritdoc />
        public void Flush() => _panel.Flush();

        /// <inheritdoc />
        public void SetBacklight(int percent) => _panel.SetBacklight(percent);

        /// <inheritdoc />
        public void Dispose() => _panel.Dispose();
    }
}
