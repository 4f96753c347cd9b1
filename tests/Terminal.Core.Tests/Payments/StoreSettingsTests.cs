using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Xunit;

namespace Terminal.Core.Tests.Payments;

public class StoreSettingsTests
{
    [Fact]
    public void A_new_terminal_speaks_English()
    {
        var rig = StoreRig.Provisioned();

        Assert.Equal(Language.English, rig.Store.Language);
    }

    [Fact]
    public void The_language_is_journaled_as_a_settings_record_and_survives_a_reboot()
    {
        var rig = StoreRig.Provisioned();

        Assert.True(rig.Store.SetLanguage(Language.Chinese), rig.Store.Problem);

        Assert.Equal(Language.Chinese, rig.Reboot().Language);
    }

    [Fact]
    public void The_language_survives_settlement_compaction_and_a_reboot_after_it()
    {
        var rig = StoreRig.Provisioned();
        Assert.True(rig.Store.SetLanguage(Language.Chinese));
        for (int i = 0; i < 30; i++)
        {
            rig.Answered(StoreRig.SaleTemplate(100 + i));
        }

        Settle(rig.Store);

        // The closed batch's sectors, settings record among them, were erased: what is left is the snapshot (with
        // the closed batch's analysis), the settings and the reclaim mark, in one sector or across two.
        Assert.InRange(rig.Journal.FreeSectors, rig.Sectors - 2, rig.Sectors - 1);
        Assert.Equal(Language.Chinese, rig.Store.Language);
        Assert.Equal(Language.Chinese, rig.Reboot().Language);
    }

    [Fact]
    public void Switching_back_to_English_also_survives_compaction_though_English_is_not_written_at_compaction()
    {
        var rig = StoreRig.Provisioned();
        Assert.True(rig.Store.SetLanguage(Language.Chinese));
        Assert.True(rig.Store.SetLanguage(Language.English));

        Settle(rig.Store);
        Settle(rig.Store);

        Assert.Equal(Language.English, rig.Reboot().Language);
    }

    [Fact]
    public void Two_compactions_in_a_row_keep_the_language()
    {
        var rig = StoreRig.Provisioned();
        Assert.True(rig.Store.SetLanguage(Language.Chinese));

        Settle(rig.Store);
        rig.Answered(StoreRig.SaleTemplate(500));
        Settle(rig.Store);

        Assert.Equal(Language.Chinese, rig.Reboot().Language);
    }

    [Fact]
    public void An_unknown_setting_or_a_value_above_a_byte_is_refused_and_nothing_is_written()
    {
        var rig = StoreRig.Provisioned();
        long next = rig.Journal.NextSequence;

        Assert.False(rig.Store.SetSetting(0, 1));
        Assert.False(rig.Store.SetSetting(StoreSetting.Count, 1));
        Assert.False(rig.Store.SetSetting(StoreSetting.Language, 256));

        Assert.Equal(next, rig.Journal.NextSequence);
    }

    // The store's side of a settlement as the engine drives it.
    [Fact]
    public void Training_mode_is_a_setting_beside_the_language_and_both_survive_compaction_and_a_reboot()
    {
        var rig = StoreRig.Provisioned();
        Assert.True(rig.Store.SetLanguage(Language.Chinese));
        Assert.True(rig.Store.SetTraining(true));

        Settle(rig.Store);
        PaymentStore rebooted = rig.Reboot();

        Assert.True(rebooted.Training);
        Assert.Equal(Language.Chinese, rebooted.Language);
        Assert.True(rebooted.SetTraining(false));
        Settle(rebooted);
        Assert.False(rig.Reboot().Training);
    }

    private static void Settle(PaymentStore store) => StoreRig.Settle(store);
}
