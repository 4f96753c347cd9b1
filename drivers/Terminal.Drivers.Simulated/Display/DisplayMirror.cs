using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Display;

/// <summary>
/// One display as the firmware sees it, shown on several panels at once: in the simulator the text panel
/// (console view, trace) and the ST7789 driver on its chip model (pixels, PNG) get the same calls.
/// </summary>
public sealed class DisplayMirror(IDisplay primary, params IDisplay[] mirrors) : IDisplay
{
    /// <inheritdoc />
    public int Columns => primary.Columns;

    /// <inheritdoc />
    public int Rows => primary.Rows;

    /// <inheritdoc />
    public void Clear() => Each(d => d.Clear());

    /// <inheritdoc />
    public void ClearRow(int row) => Each(d => d.ClearRow(row));

    /// <inheritdoc />
    public void Write(int row, int column, string text, TextStyle style) => Each(d => d.Write(row, column, text, style));

    /// <inheritdoc />
    public void Flush() => Each(d => d.Flush());

    /// <inheritdoc />
    public void SetBacklight(int percent) => Each(d => d.SetBacklight(percent));

    /// <summary>Disposes every panel.</summary>
    public void Dispose() => Each(d => d.Dispose());

    private void Each(Action<IDisplay> call)
    {
        call(primary);
        foreach (var mirror in mirrors)
        {
            call(mirror);
        }
    }
}
