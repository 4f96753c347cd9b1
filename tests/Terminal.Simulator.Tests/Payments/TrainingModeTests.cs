using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests.Payments;

/// <summary>
/// Training mode (MENU F2, manager): transactions run against the training host inside the terminal, every
/// screen and document says TRAINING, and nothing reaches the real host, batch or journal.
/// </summary>
public sealed class TrainingModeTests
{
    private static int HostAuthorizations(TerminalRig rig) => rig.Host.Store.Authorizations(TerminalRig.TerminalId).Count;

    [Fact]
    public async Task Training_transactions_never_reach_the_host_the_real_batch_or_the_journal()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        Assert.Equal("Approved", rig.Sale(1000, "swipe:unionpay"));
        PaymentStore live = rig.Store;
        long journalRecords = live.Journal.NextSequence;
        int hostSeen = HostAuthorizations(rig);

        Assert.Contains("Training mode ON", rig.SwitchTraining(), StringComparison.Ordinal);
        Assert.True(rig.Pos.Training);
        Assert.Equal("Approved", rig.Sale(2500, "tap:visa"));
        Assert.Equal("Approved", rig.Sale(3000, "scan:134567890123456789"));
        TxnEntry trained = rig.Store.At(0);
        Assert.StartsWith("TR", trained.Rrn, StringComparison.Ordinal);
        Assert.Equal("Approved", rig.Void(trained.Invoice));
        string settled = rig.Settle();
        Assert.Contains("balanced", settled, StringComparison.Ordinal);
        Assert.DoesNotContain("upload", settled, StringComparison.Ordinal);

        Assert.Contains("Training mode OFF", rig.SwitchTraining(), StringComparison.Ordinal);
        Assert.False(rig.Pos.Training);
        Assert.Same(live, rig.Store);
        Assert.Equal(1, live.Count);
        Assert.Equal(hostSeen, HostAuthorizations(rig));
        Assert.Equal(journalRecords + 2, live.Journal.NextSequence); // only the two training on/off records
        Assert.Contains("balanced", rig.Settle(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1000, SaleFlowTests.HostTotalsOf(rig, live.LastSettled.Batch).DebitAmount);
        Assert.Equal(1000, live.LastSettled.DebitAmount);
    }

    [Fact]
    public async Task Every_screen_and_every_document_in_training_says_so()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.SwitchTraining();
        rig.FinishPrinting();
        int before = rig.Board.PrinterMechanism.Documents.Count;
        var frames = new List<string>();
        var record = rig.Board.Display.FramePresented;
        rig.Board.Display.FramePresented = panel =>
        {
            record?.Invoke(panel);
            frames.Add(panel.FrameText());
        };

        rig.Sale(1800, "swipe:visa", customerCopy: true);
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 7, KeyCode.Digit0 + 2); // X report
        rig.Board.RunFor(1000);
        rig.Press(KeyCode.Cancel, KeyCode.Cancel);
        rig.FinishPrinting();

        Assert.True(frames.Count > 5);
        Assert.All(frames, f => Assert.StartsWith("TRAINING", f.Split('\n')[0].Trim(), StringComparison.Ordinal));
        var printed = rig.Board.PrinterMechanism.DocumentsSince(before);
        Assert.Equal(3, printed.Count); // merchant copy, customer copy, X report
        foreach (var doc in printed)
        {
            var lines = doc.TextLines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            Assert.Contains("*** 培训模式 TRAINING ***", lines[0], StringComparison.Ordinal);
            Assert.Contains(lines, l => l.Contains("NOT A REAL TRANSACTION", StringComparison.Ordinal));
            Assert.Contains("NOT A REAL TRANSACTION", lines[^1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Training_mode_needs_the_manager_password()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.Press(KeyCode.Menu, KeyCode.F2);
        rig.Type("1111");
        rig.Press(KeyCode.Enter);
        rig.Press(KeyCode.Cancel, KeyCode.Cancel);

        Assert.False(rig.Pos.Training);
        Assert.False(rig.Store.Training);
    }

    [Fact]
    public async Task A_terminal_left_in_training_comes_back_in_training_after_a_power_cut_with_an_empty_training_batch()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.Sale(700, "swipe:visa");
        rig.SwitchTraining();
        rig.Sale(900, "swipe:visa");
        Assert.Equal(1, rig.Store.Count);

        rig.Reboot();

        Assert.True(rig.Pos.Training);
        Assert.Equal(0, rig.Store.Count);
        Assert.Equal(1, rig.Pos.LiveEngine.Store.Count);
        Assert.StartsWith("TRAINING", rig.Board.Display.FrameText().TrimStart(), StringComparison.Ordinal);
        Assert.Equal("Approved", rig.Sale(400, "swipe:visa"));
        rig.SwitchTraining();
        rig.Reboot();
        Assert.False(rig.Pos.Training);
        Assert.Equal(1, rig.Store.Count);
    }

    [Fact]
    public async Task The_training_host_declines_amounts_ending_in_51_and_sign_in_and_set_up_wait_for_training_to_end()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.SwitchTraining();

        Assert.Contains("Insufficient", rig.Sale(1251, "swipe:visa"), StringComparison.OrdinalIgnoreCase);
        rig.Press(KeyCode.Menu, KeyCode.Digit0 + 8);
        Assert.Contains("not needed in training", rig.Pos.LastMessage, StringComparison.Ordinal);
        rig.Press(KeyCode.Cancel, KeyCode.Menu, KeyCode.Digit0);
        Assert.Contains("Leave training mode first", rig.Pos.LastMessage, StringComparison.Ordinal);
        rig.Press(KeyCode.Cancel);
        Assert.Equal(TxnState.Declined, rig.Store.At(0).State);
    }

    [Fact]
    public async Task Training_cannot_start_while_a_real_settlement_is_unfinished()
    {
        await using var rig = await SaleFlowTests.ReadyRig();
        rig.Sale(1000, "swipe:visa");
        rig.Host.Rules.Add(new AcquirerHost.Rules.ResponseRule { Mti = "0500", Action = AcquirerHost.Rules.RuleAction.NoAnswer, Times = 1 });
        rig.Settle();
        Assert.NotEqual(SettleStage.None, rig.Store.SettlementStage);

        Assert.Contains("Finish the settlement first", rig.SwitchTraining(), StringComparison.Ordinal);
        Assert.False(rig.Pos.Training);
        Assert.False(rig.Store.Training);
    }

    [Fact]
    public async Task A_background_update_check_during_training_uses_the_real_terminals_STANs()
    {
        await using var rig = TerminalRig.Start("tcp", firmwareUpdates: true);
        rig.AutomaticUpdateChecks = false;
        rig.ProvisionFromConfig();
        rig.Boot();
        rig.SwitchTraining();
        rig.Sale(500, "swipe:visa");
        var live = rig.Pos.LiveEngine.Store.Identity!;
        int liveStan = live.LastStan;
        int trainingStan = rig.Store.Identity!.LastStan;

        var (_, message) = rig.CheckForUpdate();

        Assert.Contains("No update published", message, StringComparison.Ordinal);
        Assert.Equal(liveStan + 1, live.LastStan);
        Assert.Equal(trainingStan, rig.Store.Identity!.LastStan);
    }

    [Fact]
    public void The_banner_takes_the_top_row_and_the_screens_get_one_row_less()
    {
        var panel = new Terminal.Drivers.Simulated.Display.TextPanel(24, 10);
        var display = new TrainingDisplay(panel) { Training = true };
        Assert.Equal(9, display.Rows);
        display.Write(0, 0, "TITLE", TextStyle.Normal);
        display.Flush();

        string[] rows = panel.FrameText().Split('\n');
        Assert.Contains("TRAINING", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("TITLE", rows[1], StringComparison.Ordinal);
        display.Training = false;
        Assert.Equal(10, display.Rows);
    }
}
