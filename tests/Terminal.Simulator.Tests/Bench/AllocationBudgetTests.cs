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
    public void A_complete_sale_in_the_firmware_allocates_under_8_KB_and_a_display_frame_nothing()
    {
        var results = PaymentBench.Run().ToList();

        BenchResult sale = results.Single(r => r.Unit == "sale");
        BenchResult frame = results.Single(r => r.Unit == "frame");
        Assert.True(sale.BytesPerUnit < 8192, $"a sale allocates {sale.BytesPerUnit:F0} bytes, over the 8 KB budget");
        Assert.Equal(0, frame.AllocatedBytes);
    }
}
