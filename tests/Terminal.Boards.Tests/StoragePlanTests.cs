using Terminal.Core.Update;
using Terminal.Simulator.Boards;
using Xunit;

namespace Terminal.Boards.Tests;

// The flash plan of a board (board-configs/README.md, "Flash and the I: drive"): what the firmware keeps on
// I:, in LittleFS blocks, against the partition the board's layout gives it.
public class StoragePlanTests
{
    [Theory]
    [MemberData(nameof(ShippedBoardTests.EveryBoardFile), MemberType = typeof(ShippedBoardTests))]
    public void Every_shipped_board_has_room_for_its_storage_plan(string file)
    {
        BoardConfig board = BoardConfigLoader.Load(Path.Combine(RepoPaths.BoardConfigs, file));

        StoragePlan plan = StoragePlan.For(board.Storage);

        Assert.True(plan.Fits(board.Storage.ConfigPartitionKb), $"{file}: {StoragePlan.Kib(plan.TotalBytes)} KiB in {board.Storage.ConfigPartitionKb} KiB");
    }

    [Fact]
    public void The_reference_board_has_8_MB_of_flash_and_the_2_MiB_I_partition_of_that_layout()
    {
        BoardConfig board = BoardConfigLoader.Load(Path.Combine(RepoPaths.BoardConfigs, "esp32-terminal.json"));

        Assert.Equal((8, 2048), (board.Storage.FlashMb, board.Storage.ConfigPartitionKb));
    }

    [Fact]
    public void The_plan_of_the_reference_board_adds_up_to_1868_KiB()
    {
        // 16 journal sectors of 4 KiB and the firmware's 144-sector slots.
        StoragePlan plan = StoragePlan.For(journalSectors: 16, sectorSize: 4096, slotSectors: 144);

        Assert.Equal(576 * 1024, plan.SlotBytes);
        Assert.Equal(12 * 1024, plan.ControlBytes);                // 2 boot-control sectors and the staging sector
        Assert.Equal(1164 * 1024, plan.FirmwareRegionBytes);       // 3 + 2 x 144 sectors, in three files
        Assert.Equal(68 * 1024, plan.JournalBytes);                // 16 + the self-test's sector
        Assert.Equal(8 * 1024, plan.KeyBytes);                     // 2 sectors
        Assert.Equal(12 * 1024, plan.FileBytes);                   // board.json, update.pub, Wi-Fi configuration
        Assert.Equal((4 + 5) * 4096, plan.FileSystemBytes);        // metadata, and one pointer block per large file (5 files)
        Assert.Equal(145 * 4096, plan.CopyOnWriteBytes);           // one slot's file again, with its pointer block
        Assert.Equal(1868 * 1024, plan.TotalBytes);
        Assert.Equal(589_728, plan.BundleCapacity);                // 576 KiB less the image header and signature
    }

    [Fact]
    public void A_file_per_slot_keeps_the_copy_on_write_room_to_one_slot()
    {
        // With the region in one file the room kept for its rewrite was the whole region (2 slots and control): 784 KiB
        // for 96-sector slots. Per slot, growing a slot by one sector costs three sectors of I:, not four.
        StoragePlan small = StoragePlan.For(journalSectors: 16, sectorSize: 4096, slotSectors: 96);
        StoragePlan larger = StoragePlan.For(journalSectors: 16, sectorSize: 4096, slotSectors: 97);

        Assert.Equal(97 * 4096, small.CopyOnWriteBytes);
        Assert.Equal(3 * 4096, larger.TotalBytes - small.TotalBytes);
    }

    [Fact]
    public void The_breakdown_names_every_part_in_KiB()
    {
        StoragePlan plan = StoragePlan.For(journalSectors: 16, sectorSize: 4096, slotSectors: 144);

        Assert.Equal(
            "2 slots x 576 KiB + boot control 12 KiB, journal 68 KiB, keys 8 KiB, files 12 KiB, LittleFS 36 KiB, copy-on-write room 580 KiB",
            plan.Breakdown());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4096, 1)]
    [InlineData(4097, 2)]
    [InlineData(8192, 3)]        // block 1 starts with a 4-byte pointer, so two sectors' bytes need a third block
    [InlineData(589_824, 145)]   // a slot's file: 144 sectors, 1,128 bytes of pointers
    public void A_file_takes_the_littlefs_blocks_of_its_bytes_and_back_pointers(long bytes, int blocks)
    {
        Assert.Equal(blocks, StoragePlan.BlocksFor(bytes));
    }

    [Fact]
    public void The_plan_uses_the_firmware_slot_size()
    {
        BoardConfig board = BoardConfigLoader.Load(Path.Combine(RepoPaths.BoardConfigs, "esp32-terminal.json"));

        Assert.Equal(FirmwareRegion.SlotSectors, StoragePlan.For(board.Storage).SlotSectors);
    }

    [Fact]
    public void A_4_MB_board_with_todays_slots_is_refused_naming_the_figures()
    {
        using var file = BoardFile.From("esp32-terminal.json", "four-mb.json");
        file.Section("storage")["flashMb"] = 4;
        file.Section("storage")["configPartitionKb"] = 256;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("storage", problem.Field);
        Assert.Equal(
            "needs 1868 KiB on I: (2 slots x 576 KiB + boot control 12 KiB, journal 68 KiB, keys 8 KiB, files 12 KiB, LittleFS 36 KiB, copy-on-write room 580 KiB) but the 4 MB layout's I: partition has 256 KiB",
            problem.Problem);
    }

    [Fact]
    public void A_16_MB_board_fits()
    {
        using var file = BoardFile.From("esp32-terminal.json", "sixteen-mb.json");
        file.Section("storage")["flashMb"] = 16;
        file.Section("storage")["configPartitionKb"] = 3072;

        BoardConfig board = BoardConfigLoader.Load(file.Write());

        Assert.Equal(16, board.Storage.FlashMb);
    }

    [Fact]
    public void An_i_partition_that_is_not_the_layouts_is_refused()
    {
        using var file = BoardFile.From("esp32-terminal.json", "wrong-partition.json");
        file.Section("storage")["configPartitionKb"] = 4096;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("storage.configPartitionKb", "4096 KiB is not the I: partition of nanoFramework's 8 MB layout (2048 KiB)"), (problem.Field, problem.Problem));
    }

    [Fact]
    public void A_flash_size_without_a_nanoframework_layout_is_refused()
    {
        using var file = BoardFile.From("esp32-terminal.json", "two-mb.json");
        file.Section("storage")["flashMb"] = 2;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("storage.flashMb", "2 MB: nanoFramework has no ESP32-WROVER partition table for it (4, 8, 16 MB)"), (problem.Field, problem.Problem));
    }

    [Fact]
    public void A_simulated_board_with_a_small_partition_is_refused_naming_its_own_partition()
    {
        using var file = BoardFile.From("simulated.json", "small-sim.json");
        file.Section("storage")["configPartitionKb"] = 512;

        var error = Assert.Throws<BoardConfigException>(() => BoardConfigLoader.Load(file.Write()));

        var problem = Assert.Single(error.Problems);
        Assert.EndsWith("but the board's I: partition has 512 KiB", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_longer_journal_counts_in_the_plan()
    {
        StoragePlan shipped = StoragePlan.For(journalSectors: 16, sectorSize: 4096, slotSectors: 144);
        StoragePlan longer = StoragePlan.For(journalSectors: 64, sectorSize: 4096, slotSectors: 144);

        Assert.Equal(48 * 4096, longer.TotalBytes - shipped.TotalBytes);
    }
}
