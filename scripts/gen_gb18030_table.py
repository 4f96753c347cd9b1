#!/usr/bin/env python3
"""Regenerates drivers/Terminal.Drivers/Printer/Gb18030Table.cs: the GB18030 codes of the Chinese
characters the terminal's screens and receipts use: those in CHARS and every wide character written in
the firmware/Terminal.Core.* libraries (the text table Ui/Texts.cs above all, as tools/FontGen scans them for the
display font, so the two tables cannot drift apart). Run from the repo root after changing texts."""
import glob
import os
CHARS = """签购单商户名称编号终端操作员卡号发卡行收单行有效期交易类型消费撤销退货预授权完成余额查询批次凭证授权码参考号日期时间金额人民币元备注持卡人签名本确认以上同意将其记入账户存根银行结算总计笔数重打印成功失败请插刷挥扫码联系客服谢谢惠顾欢迎光临取消返回输入密码错误超时网络连接中断纸张不足缺开盖冲正待处理原交易流水支付宝微信云闪付二维非接触芯片磁条管理设置主菜单签到退系统自检测试通过键盘屏幕打印机读器扫描正常异常已未次共计借记贷记合小商家收款用户付款票据明细汇总净对账平售分析培训模式真实绿茶乌龙咖啡包子饺六个月饼豆浆礼品卡"""


# Every firmware/Terminal.Core.* library: the firmware was one Terminal.Core folder before it was split into
# assemblies, and a missing folder would silently scan nothing.
SCAN = sorted(glob.glob("firmware/Terminal.Core.*"))
assert SCAN, "no firmware/Terminal.Core.* folder: run from the repository root"


def is_wide(c):
    """The display's rule for a two-cell character (tools/FontGen, GlyphFont.IsWide)."""
    o = ord(c)
    return (0x1100 <= o <= 0x115F or 0x2E80 <= o <= 0xA4CF or 0xAC00 <= o <= 0xD7A3 or 0xF900 <= o <= 0xFAFF
            or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFF60 or 0xFFE0 <= o <= 0xFFE6)


def scanned():
    found = set()
    for root in SCAN:
        for folder, _, files in os.walk(root):
            if "/bin" in folder or "/obj" in folder:
                continue
            for name in files:
                if name.endswith(".cs"):
                    found.update(c for c in open(os.path.join(folder, name), encoding="utf-8").read() if is_wide(c))
    return found


HEADER = """namespace Terminal.Drivers.Printer
{
    /// <summary>
    /// GB18030 (two-byte GBK range) codes of the Chinese characters the terminal's screens and receipts use.
    /// nanoFramework has no Encoding class, and a full GB18030 table would not fit a microcontroller; a character
    /// missing here prints as '?'. The table is two strings rather than arrays, so it stays in the assembly (flash)
    /// and takes 48 bytes of heap at boot (docs/boot-heap.md): the characters, and at the same index each one's
    /// code less 0x8000 (a code itself would fall among the UTF-16 surrogates). Generated with Python's gb18030
    /// codec by scripts/gen_gb18030_table.py; add characters there and rerun it.
    /// </summary>
    public static class Gb18030Table
    {"""


def literal(values, indent="            "):
    lines = []
    for i in range(0, len(values), 16):
        lines.append('"' + "".join("\\u%04X" % v for v in values[i:i + 16]) + '"')
    return ("\n" + indent + "+ ").join(lines)


def main():
    rows = []
    for c in sorted(set(CHARS) | scanned()):
        b = c.encode("gb18030")
        assert len(b) == 2, c
        code = b[0] << 8 | b[1]
        assert 0x0100 <= code - 0x8000 < 0xD800, c
        rows.append((ord(c), code))
    out = [HEADER,
           "        /// <summary>Characters in the table.</summary>",
           "        public const int Count = %d;" % len(rows), "",
           "        private static readonly string Characters =",
           "            " + literal([u for u, _ in rows]) + ";", "",
           "        private static readonly string Codes =",
           "            " + literal([g - 0x8000 for _, g in rows]) + ";", "",
           "        /// <summary>The two-byte GB18030 code of <paramref name=\"c\"/> (lead byte high), or -1 when it is not in the table.</summary>",
           "        public static int Lookup(char c)", "        {",
           "            int i = Characters.IndexOf(c);",
           "            return i < 0 ? -1 : Codes[i] + 0x8000;", "        }", "    }", "}"]
    open("drivers/Terminal.Drivers/Printer/Gb18030Table.cs", "w", encoding="utf-8").write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
