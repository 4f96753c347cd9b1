using AcquirerHost.Catalog;

namespace Terminal.Simulator.Board;

/// <summary>The item catalog the demo host serves (a small café), unless <c>--catalog FILE</c> gives another.</summary>
public static class DemoCatalog
{
    /// <summary>Version 1: eight items, one of them nearly sold out (stock 2, low-stock mark 3).</summary>
    public static HostItemCatalog Create() => new(1,
    [
        new HostItem(1001, "Green tea", "绿茶", 350, 40, 5),
        new HostItem(1002, "Oolong tea", "乌龙茶", 420, 30, 5),
        new HostItem(1003, "Coffee", "咖啡", 1800, 25, 5),
        new HostItem(1004, "Steamed bun", "包子", 250, 60, 10),
        new HostItem(1005, "Dumplings x6", "饺子六个", 1200, 20, 4),
        new HostItem(1006, "Mooncake", "月饼", 1580, 2, 3),
        new HostItem(1007, "Soy milk", "豆浆", 300, 50, 8),
        new HostItem(2001, "Gift card", "礼品卡", 10000, 10, 2),
    ]);
}
