using Terminal.Simulator.Bench;
using Xunit;

namespace Terminal.Simulator.Tests.Bench;

/// <summary>
/// Issue #8's memory budget as a test: bytes allocated are deterministic, unlike time, so the benchmark's
/// allocation figures can be asserted (its times never are). A change that pushes a sale over 8 KB fails here.
/// </summary>
public sealed class AllocationBudgetTests
{
    [Fact]
    public void A_complete_sale_swiped_or_inserted_allocates_under_8_KB_and_a_display_frame_nothing()
    {
        var results = PaymentBench.Run().ToList();

        BenchResult sale = results.Single(r => r.Unit == "sale");
        BenchResult chip = results.Single(r => r.Unit == "chip sale");
        BenchResult frame = results.Single(r => r.Unit == "frame");
        Assert.True(sale.BytesPerUnit < 8192, $"a sale allocates {sale.BytesPerUnit:F0} bytes, over the 8 KB budget");
        Assert.True(chip.BytesPerUnit < 8192, $"a chip sale allocates {chip.BytesPerUnit:F0} bytes, over the 8 KB budget");
        Assert.Equal(0, frame.AllocatedBytes);
    }
}
