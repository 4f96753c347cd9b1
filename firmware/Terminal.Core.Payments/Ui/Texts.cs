namespace Terminal.Core.Ui
{
    /// <summary>
    /// Every text the cashier and the manager see, on the screen and on paper, in each <see cref="Language"/>: an id
    /// per text (these constants) and one table holding, per id, the English text then the Simplified Chinese one.
    /// A lookup is an array index: no allocation, no dictionary. <c>{0}</c> and <c>{1}</c> in a text are filled by
    /// <see cref="Format(int, int, string)"/>, so each language orders its words its own way. The table is grouped
    /// in sections (Banner, Title, Line...), each with a width limit the tests check: a text that would not fit
    /// the 30-column display or the 32-column paper fails the build's tests, not a cashier. Chinese characters
    /// take two columns on both. Every Chinese character here must be in the display font
    /// (tools/FontGen scans this folder) and in the printer's GB18030 table (scripts/gen_gb18030_table.py scans it
    /// too); a test checks both. To add a text: append its pair at the end of the table, give it the next id
    /// (in the Added section), raise <see cref="Count"/>, and regenerate both tables.
    /// </summary>
    public static class Texts
    {
        /// <summary>Number of texts (ids 0 .. Count-1).</summary>
        public const int Count = 342;

        /// <summary>First of the section: Banners, drawn Large (two cells per column): at most 14 columns, so 28 cells with the margin.</summary>
        public const int FirstBanner = 0;

        /// <summary>"WELCOME"</summary>
        public const int Welcome = 0;
        /// <summary>"APPROVED"</summary>
        public const int Approved = 1;

        /// <summary>First of the section: Screen titles, in the inverse bar at the top: at most 28 columns.</summary>
        public const int FirstTitle = 2;

        /// <summary>"SETTLED"</summary>
        public const int TitleSettled = 2;
        /// <summary>"SIGNED IN"</summary>
        public const int TitleSignedIn = 3;
        /// <summary>"DECLINED"</summary>
        public const int TitleDeclined = 4;
        /// <summary>"NOT COMPLETED"</summary>
        public const int TitleNotCompleted = 5;
        /// <summary>"DONE"</summary>
        public const int TitleDone = 6;
        /// <summary>"NOT DONE"</summary>
        public const int TitleNotDone = 7;
        /// <summary>"PIN NEEDED"</summary>
        public const int TitlePinNeeded = 8;
        /// <summary>"ENTER PIN"</summary>
        public const int TitleEnterPin = 9;
        /// <summary>"PROCESSING"</summary>
        public const int TitleProcessing = 10;
        /// <summary>"MENU"</summary>
        public const int TitleMenu = 11;
        /// <summary>"REPORTS"</summary>
        public const int TitleReports = 12;
        /// <summary>"SALES ANALYSIS"</summary>
        public const int TitleSalesAnalysis = 13;
        /// <summary>"SET-UP"</summary>
        public const int TitleSetUp = 14;
        /// <summary>"MANAGER"</summary>
        public const int TitleManager = 15;
        /// <summary>"TECHNICIAN"</summary>
        public const int TitleTechnician = 16;
        /// <summary>"REPRINT"</summary>
        public const int TitleReprint = 17;
        /// <summary>"OPERATOR"</summary>
        public const int TitleOperator = 18;
        /// <summary>"SET-UP 1/3"</summary>
        public const int TitleSetUp1 = 19;
        /// <summary>"SET-UP 2/3"</summary>
        public const int TitleSetUp2 = 20;
        /// <summary>"SET-UP 3/3"</summary>
        public const int TitleSetUp3 = 21;
        /// <summary>"SETTLEMENT"</summary>
        public const int TitleSettlement = 22;
        /// <summary>"LANGUAGE / 语言"</summary>
        public const int TitleLanguage = 23;

        /// <summary>First of the section: Screen lines, written from column 1: at most 29 columns (a {0} counted as its three characters).</summary>
        public const int FirstLine = 24;

        /// <summary>"Not set up: MENU 0"</summary>
        public const int NotSetUp = 24;
        /// <summary>"Key an amount, then"</summary>
        public const int IdleHint1 = 25;
        /// <summary>"swipe, tap or scan"</summary>
        public const int IdleHint2 = 26;
        /// <summary>"Batch {0}  Op {1}"</summary>
        public const int IdleBatchOperator = 27;
        /// <summary>"Transactions: {0}"</summary>
        public const int IdleCount = 28;
        /// <summary>"Not signed in: MENU 8"</summary>
        public const int WarnNotSignedIn = 29;
        /// <summary>"Settlement unfinished: MENU 4"</summary>
        public const int WarnSettlementUnfinished = 30;
        /// <summary>"{0} reversal(s) pending"</summary>
        public const int WarnReversalsPending = 31;
        /// <summary>"Journal nearly full: settle"</summary>
        public const int WarnJournalNearlyFull = 32;
        /// <summary>"Signing in..."</summary>
        public const int SigningIn = 33;
        /// <summary>"Recovering..."</summary>
        public const int Recovering = 34;
        /// <summary>"Timed out: no card"</summary>
        public const int TimedOutNoCard = 35;
        /// <summary>"Cancelled"</summary>
        public const int Cancelled = 36;
        /// <summary>"Please wait..."</summary>
        public const int PleaseWait = 37;
        /// <summary>"Reprinting last receipt"</summary>
        public const int ReprintingLast = 38;
        /// <summary>"Amount:"</summary>
        public const int AmountPrompt = 39;
        /// <summary>"Refund {0}..."</summary>
        public const int RefundProgress = 40;
        /// <summary>"Swipe, tap or scan"</summary>
        public const int PresentHint1 = 41;
        /// <summary>"the payment code"</summary>
        public const int PresentHint2 = 42;
        /// <summary>"Key the amount first"</summary>
        public const int KeyAmountFirst = 43;
        /// <summary>"Card not read: swipe again"</summary>
        public const int CardNotRead = 44;
        /// <summary>"Card unreadable: swipe again"</summary>
        public const int CardNotReadable = 45;
        /// <summary>"Card incomplete: tap again"</summary>
        public const int CardDataIncomplete = 46;
        /// <summary>"Scan failed: scan again"</summary>
        public const int ScanFailed = 47;
        /// <summary>"Not a payment code we accept"</summary>
        public const int NotAcceptedCode = 48;
        /// <summary>"PIN:"</summary>
        public const int PinPrompt = 49;
        /// <summary>"PIN has 4 to 12 digits"</summary>
        public const int PinTooShort = 50;
        /// <summary>"PIN is at most 12 digits"</summary>
        public const int PinTooLong = 51;
        /// <summary>"PIN cancelled: nothing sent"</summary>
        public const int PinCancelled = 52;
        /// <summary>"Connecting to host..."</summary>
        public const int ConnectingHost = 53;
        /// <summary>"Auth {0}  Inv {1}"</summary>
        public const int AuthInvoice = 54;
        /// <summary>"Customer copy?"</summary>
        public const int CustomerCopyQuestion = 55;
        /// <summary>"F1: with e-invoice QR"</summary>
        public const int F1EInvoice = 56;
        /// <summary>"1 Self-test (technician)"</summary>
        public const int Menu1 = 57;
        /// <summary>"2 Void          (manager)"</summary>
        public const int Menu2 = 58;
        /// <summary>"3 Refund        (manager)"</summary>
        public const int Menu3 = 59;
        /// <summary>"4 Settlement    (manager)"</summary>
        public const int Menu4 = 60;
        /// <summary>"5 Reprint last"</summary>
        public const int Menu5 = 61;
        /// <summary>"6 Reprint by invoice"</summary>
        public const int Menu6 = 62;
        /// <summary>"7 Reports"</summary>
        public const int Menu7 = 63;
        /// <summary>"8 Sign in"</summary>
        public const int Menu8 = 64;
        /// <summary>"9 Operator log-on"</summary>
        public const int Menu9 = 65;
        /// <summary>"0 Set-up        (manager)"</summary>
        public const int Menu0 = 66;
        /// <summary>"F1 Software update (techn.)"</summary>
        public const int MenuF1 = 67;
        /// <summary>"1 Transaction detail"</summary>
        public const int Reports1 = 68;
        /// <summary>"2 Totals (X report)"</summary>
        public const int Reports2 = 69;
        /// <summary>"3 Last settlement (Z)"</summary>
        public const int Reports3 = 70;
        /// <summary>"4 Sales analysis"</summary>
        public const int Reports4 = 71;
        /// <summary>"No printer"</summary>
        public const int NoPrinter = 72;
        /// <summary>"Printing detail report"</summary>
        public const int PrintingDetail = 73;
        /// <summary>"Printing totals (X) report"</summary>
        public const int PrintingTotals = 74;
        /// <summary>"Printing sales analysis"</summary>
        public const int PrintingAnalysis = 75;
        /// <summary>"No settlement yet"</summary>
        public const int NoSettlementYet = 76;
        /// <summary>"Reprinting settlement report"</summary>
        public const int ReprintingSettlement = 77;
        /// <summary>"Batch {0}  {1} sales"</summary>
        public const int AnalysisBatch = 78;
        /// <summary>"Busiest hour {0}:00 ({1})"</summary>
        public const int BusiestHour = 79;
        /// <summary>"Total {0}"</summary>
        public const int TotalAmount = 80;
        /// <summary>"Manager password:"</summary>
        public const int ManagerPassword = 81;
        /// <summary>"Technician password:"</summary>
        public const int TechnicianPassword = 82;
        /// <summary>"Locked: try again in {0} min"</summary>
        public const int LockedOut = 83;
        /// <summary>"Wrong password ({0}/{1})"</summary>
        public const int WrongPassword = 84;
        /// <summary>"Invoice no. (F1: trace no.)"</summary>
        public const int VoidPrompt = 85;
        /// <summary>"Original reference no.:"</summary>
        public const int RefundRrnPrompt = 86;
        /// <summary>"F1 after 1-6: A-F"</summary>
        public const int HexHint = 87;
        /// <summary>"Enter {0} digits"</summary>
        public const int EnterDigits = 88;
        /// <summary>"Enter at least {0} digits"</summary>
        public const int EnterAtLeastDigits = 89;
        /// <summary>"Trace (STAN) number:"</summary>
        public const int TracePrompt = 90;
        /// <summary>"Invoice {0}  {1}"</summary>
        public const int VoidInvoiceLine = 91;
        /// <summary>"Void this sale?"</summary>
        public const int VoidConfirm = 92;
        /// <summary>"Original date (MMDD):"</summary>
        public const int RefundDatePrompt = 93;
        /// <summary>"Reprinting invoice {0}"</summary>
        public const int ReprintingInvoice = 94;
        /// <summary>"Operator is 1 to 99"</summary>
        public const int OperatorRange = 95;
        /// <summary>"Operator {0} logged on"</summary>
        public const int OperatorLoggedOn = 96;
        /// <summary>"Merchant ID (15 digits):"</summary>
        public const int MidPrompt = 97;
        /// <summary>"Terminal ID (8 digits):"</summary>
        public const int TidPrompt = 98;
        /// <summary>"Master key (32 hex):"</summary>
        public const int TmkPrompt = 99;
        /// <summary>"MID {0}"</summary>
        public const int SetUpMid = 100;
        /// <summary>"TID {0}"</summary>
        public const int SetUpTid = 101;
        /// <summary>"Key check value:"</summary>
        public const int KeyCheckValue = 102;
        /// <summary>"Matches the key sheet?"</summary>
        public const int KeyCheckMatches = 103;
        /// <summary>"Batch {0}"</summary>
        public const int SettleBatch = 104;
        /// <summary>"Sales   {0}  {1}"</summary>
        public const int SettleSales = 105;
        /// <summary>"Refunds {0}  {1}"</summary>
        public const int SettleRefunds = 106;
        /// <summary>"Voids   {0}"</summary>
        public const int SettleVoids = 107;
        /// <summary>"Net {0}"</summary>
        public const int SettleNet = 108;
        /// <summary>"Settle and close batch?"</summary>
        public const int SettleConfirm = 109;
        /// <summary>"Void invoice {0}"</summary>
        public const int VoidingInvoice = 110;
        /// <summary>"Settling batch {0}"</summary>
        public const int SettlingBatch = 111;
        /// <summary>"Set up. Signing in..."</summary>
        public const int SetUpSigningIn = 112;
        /// <summary>"Nothing to reprint"</summary>
        public const int NothingToReprint = 113;
        /// <summary>"Operator number (1-99):"</summary>
        public const int OperatorPrompt = 114;
        /// <summary>"Invoice number:"</summary>
        public const int InvoicePrompt = 115;
        /// <summary>"1 Terminal IDs and key"</summary>
        public const int SetUpMenu1 = 116;
        /// <summary>"2 Language / 语言"</summary>
        public const int SetUpMenu2 = 117;
        /// <summary>"1 English"</summary>
        public const int LanguageEnglish = 118;
        /// <summary>"2 简体中文"</summary>
        public const int LanguageChinese = 119;
        /// <summary>"Language: English"</summary>
        public const int LanguageChanged = 120;
        /// <summary>"Key the yuan first"</summary>
        public const int KeyYuanFirst = 121;
        /// <summary>"Enter an amount"</summary>
        public const int EnterAmount = 122;
        /// <summary>"Key not used here"</summary>
        public const int KeyNotUsed = 123;
        /// <summary>"Maximum is {0}"</summary>
        public const int MaximumIs = 124;
        /// <summary>"Printer: out of paper"</summary>
        public const int PrinterOutOfPaper = 125;
        /// <summary>"Printer: cover open"</summary>
        public const int PrinterCoverOpen = 126;

        /// <summary>First of the section: Messages, wrapped over up to three screen lines: at most 84 columns.</summary>
        public const int FirstMessage = 127;

        /// <summary>"Timed out: no PIN, nothing sent"</summary>
        public const int TimedOutNoPin = 127;
        /// <summary>"Card read failed: {0}"</summary>
        public const int CardReadFailed = 128;
        /// <summary>"No PIN key: sign in first (MENU 8)"</summary>
        public const int NoPinKey = 129;
        /// <summary>"Card data lost: present the card again"</summary>
        public const int CardDataLost = 130;
        /// <summary>"PIN not encrypted (no key): nothing sent"</summary>
        public const int PinNotEncrypted = 131;
        /// <summary>"Settle the batch before changing the set-up"</summary>
        public const int SettleBeforeSetUp = 132;
        /// <summary>"No invoice {0} in this batch"</summary>
        public const int NoInvoice = 133;
        /// <summary>"Invoice {0} was not approved"</summary>
        public const int InvoiceNotApproved = 134;
        /// <summary>"Both halves equal: not a double-length key"</summary>
        public const int TmkHalvesEqual = 135;

        /// <summary>First of the section: Footers, in the inverse bar at the bottom: at most 30 columns.</summary>
        public const int FirstFooter = 136;

        /// <summary>"MENU: functions  v{0}"</summary>
        public const int IdleFooter = 136;
        /// <summary>"ENTER ok  CLEAR del  CANCEL"</summary>
        public const int FooterAmount = 137;
        /// <summary>"CANCEL: back"</summary>
        public const int FooterBack = 138;
        /// <summary>"ENTER ok  CLEAR  CANCEL"</summary>
        public const int FooterPin = 139;
        /// <summary>"Please wait"</summary>
        public const int FooterWait = 140;
        /// <summary>"ENTER yes  CANCEL no"</summary>
        public const int FooterYesNo = 141;
        /// <summary>"Any key: continue"</summary>
        public const int FooterContinue = 142;
        /// <summary>"ENTER ok  CANCEL back"</summary>
        public const int FooterOkBack = 143;
        /// <summary>"ENTER void  CANCEL back"</summary>
        public const int FooterVoid = 144;
        /// <summary>"ENTER save  CANCEL redo"</summary>
        public const int FooterSaveRedo = 145;
        /// <summary>"ENTER settle  CANCEL back"</summary>
        public const int FooterSettle = 146;

        /// <summary>First of the section: Names of kinds, channels, entry modes and states, on screens and paper: at most 16 columns.</summary>
        public const int FirstName = 147;

        /// <summary>"SALE"</summary>
        public const int KindSale = 147;
        /// <summary>"VOID"</summary>
        public const int KindVoid = 148;
        /// <summary>"REFUND"</summary>
        public const int KindRefund = 149;
        /// <summary>"Card"</summary>
        public const int ChannelCard = 150;
        /// <summary>"WeChat Pay"</summary>
        public const int ChannelWeChat = 151;
        /// <summary>"Alipay"</summary>
        public const int ChannelAlipay = 152;
        /// <summary>"UnionPay QR"</summary>
        public const int ChannelUnionPayQr = 153;
        /// <summary>"SWIPE"</summary>
        public const int ModeSwipe = 154;
        /// <summary>"CONTACTLESS"</summary>
        public const int ModeContactless = 155;
        /// <summary>"QR CODE"</summary>
        public const int ModeQr = 156;
        /// <summary>"REFERENCE"</summary>
        public const int ModeReference = 157;
        /// <summary>"PENDING"</summary>
        public const int StatePending = 158;
        /// <summary>"APPROVED"</summary>
        public const int StateApproved = 159;
        /// <summary>"DECLINED"</summary>
        public const int StateDeclined = 160;
        /// <summary>"REVERSAL PENDING"</summary>
        public const int StateReversalPending = 161;
        /// <summary>"REVERSED"</summary>
        public const int StateReversed = 162;
        /// <summary>"VOIDED"</summary>
        public const int StateVoided = 163;

        /// <summary>First of the section: Receipt and report lines: at most 32 columns (58 mm paper), or they wrap.</summary>
        public const int FirstReceiptText = 164;

        /// <summary>"POS SALES SLIP"</summary>
        public const int SlipTitle = 164;
        /// <summary>"MERCHANT COPY"</summary>
        public const int MerchantCopy = 165;
        /// <summary>"CUSTOMER COPY"</summary>
        public const int CustomerCopy = 166;
        /// <summary>"REPRINT"</summary>
        public const int ReprintBanner = 167;
        /// <summary>"MERCHANT NAME:"</summary>
        public const int MerchantNameLabel = 168;
        /// <summary>"TYPE:"</summary>
        public const int TypeLabel = 169;
        /// <summary>"CARD NO:"</summary>
        public const int CardNoLabel = 170;
        /// <summary>"PAY CODE:"</summary>
        public const int PayCodeLabel = 171;
        /// <summary>"AMOUNT:"</summary>
        public const int AmountLabel = 172;
        /// <summary>"CNY"</summary>
        public const int Currency = 173;
        /// <summary>"CARDHOLDER SIGNATURE:"</summary>
        public const int SignatureLabel = 174;
        /// <summary>"I ACKNOWLEDGE SATISFACTORY"</summary>
        public const int Acknowledge1 = 175;
        /// <summary>"RECEIPT OF GOODS/SERVICES"</summary>
        public const int Acknowledge2 = 176;
        /// <summary>"SCAN FOR E-INVOICE"</summary>
        public const int EInvoiceLabel = 177;
        /// <summary>"DETAIL REPORT"</summary>
        public const int DetailTitle = 178;
        /// <summary>"NO TRANSACTIONS"</summary>
        public const int NoTransactions = 179;
        /// <summary>"TOTALS REPORT"</summary>
        public const int TotalsTitle = 180;
        /// <summary>"X REPORT - batch stays open"</summary>
        public const int XReportNote = 181;
        /// <summary>"SETTLEMENT REPORT"</summary>
        public const int SettlementTitle = 182;
        /// <summary>"BALANCED"</summary>
        public const int Balanced = 183;
        /// <summary>"UNBALANCED - {0} uploaded"</summary>
        public const int Unbalanced = 184;
        /// <summary>"Z REPORT - batch closed"</summary>
        public const int ZReportNote = 185;
        /// <summary>"SALES BY CHANNEL"</summary>
        public const int SalesByChannel = 186;
        /// <summary>"BY HOUR"</summary>
        public const int ByHour = 187;
        /// <summary>"BY CHANNEL"</summary>
        public const int ByChannel = 188;
        /// <summary>"BY OPERATOR"</summary>
        public const int ByOperator = 189;
        /// <summary>"LAST SETTLED BATCH {0}"</summary>
        public const int LastSettledBatch = 190;

        /// <summary>First of the section: Receipt labels with a value on the same line: at most 18 columns, so a 13-column value still fits.</summary>
        public const int FirstReceiptLabel = 191;

        /// <summary>"MID:"</summary>
        public const int MidLabel = 191;
        /// <summary>"TID:"</summary>
        public const int TidLabel = 192;
        /// <summary>"OPERATOR:"</summary>
        public const int OperatorLabel = 193;
        /// <summary>"BATCH:"</summary>
        public const int BatchLabel = 194;
        /// <summary>"INVOICE:"</summary>
        public const int InvoiceLabel = 195;
        /// <summary>"TRACE:"</summary>
        public const int TraceLabel = 196;
        /// <summary>"RRN:"</summary>
        public const int RrnLabel = 197;
        /// <summary>"AUTH:"</summary>
        public const int AuthLabel = 198;
        /// <summary>"DATE:"</summary>
        public const int DateLabel = 199;
        /// <summary>"ORIG INVOICE:"</summary>
        public const int OrigInvoiceLabel = 200;
        /// <summary>"ORIG RRN:"</summary>
        public const int OrigRrnLabel = 201;
        /// <summary>"ORIG DATE:"</summary>
        public const int OrigDateLabel = 202;
        /// <summary>"PRINTED:"</summary>
        public const int PrintedLabel = 203;
        /// <summary>"INVOICE TYPE STATE"</summary>
        public const int DetailHeader1 = 204;
        /// <summary>"CHANNEL"</summary>
        public const int DetailHeader2 = 205;
        /// <summary>"CARD/CODE NO"</summary>
        public const int DetailNumberHeader = 206;
        /// <summary>"TRANSACTIONS:"</summary>
        public const int TransactionsLabel = 207;
        /// <summary>"NET:"</summary>
        public const int NetLabel = 208;
        /// <summary>"TYPE"</summary>
        public const int RowType = 209;
        /// <summary>"COUNT"</summary>
        public const int RowCount = 210;
        /// <summary>"AMOUNT"</summary>
        public const int RowAmount = 211;
        /// <summary>"DEBIT"</summary>
        public const int DebitLabel = 212;
        /// <summary>"CREDIT"</summary>
        public const int CreditLabel = 213;
        /// <summary>"HOUR"</summary>
        public const int RowHour = 214;
        /// <summary>"OPERATOR {0}"</summary>
        public const int OperatorRow = 215;
        /// <summary>"SALES"</summary>
        public const int SalesRow = 216;

        /// <summary>First of the section: Host response texts (F39), shown in messages: at most 56 columns.</summary>
        public const int FirstResponse = 217;

        /// <summary>"Approved"</summary>
        public const int Response00 = 217;
        /// <summary>"Refer to card issuer"</summary>
        public const int Response01 = 218;
        /// <summary>"Invalid merchant"</summary>
        public const int Response03 = 219;
        /// <summary>"Pick up card"</summary>
        public const int Response04 = 220;
        /// <summary>"Do not honor"</summary>
        public const int Response05 = 221;
        /// <summary>"Invalid transaction"</summary>
        public const int Response12 = 222;
        /// <summary>"Invalid amount"</summary>
        public const int Response13 = 223;
        /// <summary>"Invalid card number"</summary>
        public const int Response14 = 224;
        /// <summary>"Original not found"</summary>
        public const int Response25 = 225;
        /// <summary>"Message format error"</summary>
        public const int Response30 = 226;
        /// <summary>"Function not supported"</summary>
        public const int Response40 = 227;
        /// <summary>"Lost card"</summary>
        public const int Response41 = 228;
        /// <summary>"Stolen card"</summary>
        public const int Response43 = 229;
        /// <summary>"Insufficient funds"</summary>
        public const int Response51 = 230;
        /// <summary>"Card expired"</summary>
        public const int Response54 = 231;
        /// <summary>"Wrong PIN"</summary>
        public const int Response55 = 232;
        /// <summary>"Not permitted for card"</summary>
        public const int Response57 = 233;
        /// <summary>"Not permitted for terminal"</summary>
        public const int Response58 = 234;
        /// <summary>"Over amount limit"</summary>
        public const int Response61 = 235;
        /// <summary>"Amount differs from original"</summary>
        public const int Response64 = 236;
        /// <summary>"PIN tries exceeded"</summary>
        public const int Response75 = 237;
        /// <summary>"Sign in again"</summary>
        public const int Response77 = 238;
        /// <summary>"Issuer unavailable"</summary>
        public const int Response91 = 239;
        /// <summary>"Duplicate transaction"</summary>
        public const int Response94 = 240;
        /// <summary>"Reconcile error"</summary>
        public const int Response95 = 241;
        /// <summary>"System malfunction"</summary>
        public const int Response96 = 242;
        /// <summary>"No answer from issuer"</summary>
        public const int Response98 = 243;
        /// <summary>"PIN block error: sign in again"</summary>
        public const int Response99 = 244;
        /// <summary>"MAC error: sign in again"</summary>
        public const int ResponseA0 = 245;
        /// <summary>"Declined (code {0})"</summary>
        public const int ResponseOther = 246;

        /// <summary>First of the section: the payment engine's and the store's progress, results and refusals, shown as messages: at most 84 columns.</summary>
        public const int FirstEngine = 247;

        /// <summary>"Not provisioned: set up the terminal first"</summary>
        public const int NotProvisioned = 247;
        /// <summary>"Busy"</summary>
        public const int Busy = 248;
        /// <summary>"No such transaction in this batch"</summary>
        public const int NoSuchTransaction = 249;
        /// <summary>"Only a sale can be voided"</summary>
        public const int OnlySaleVoided = 250;
        /// <summary>"Already voided"</summary>
        public const int AlreadyVoided = 251;
        /// <summary>"Sale was not approved ({0})"</summary>
        public const int SaleNotApproved = 252;
        /// <summary>"Sale already partly refunded"</summary>
        public const int SalePartlyRefunded = 253;
        /// <summary>"Reference number has 12 digits"</summary>
        public const int RrnDigits = 254;
        /// <summary>"Date is MMDD"</summary>
        public const int DateIsMmdd = 255;
        /// <summary>"Original sale is {0}"</summary>
        public const int OriginalSaleIs = 256;
        /// <summary>"Above original: at most {0}"</summary>
        public const int AboveOriginal = 257;
        /// <summary>"Not signed in: sign in first (MENU 8)"</summary>
        public const int NotSignedInSignIn = 258;
        /// <summary>"Reversal not answered: try again later"</summary>
        public const int ReversalNotAnswered = 259;
        /// <summary>"Refund resend not answered: try again later"</summary>
        public const int ResendNotAnswered = 260;
        /// <summary>"Settlement in progress: finish it first (MENU 4)"</summary>
        public const int SettlementInProgress = 261;
        /// <summary>"Nothing owed to the host"</summary>
        public const int NothingOwed = 262;
        /// <summary>"Nothing to do"</summary>
        public const int NothingToDo = 263;
        /// <summary>"Cannot record the transaction"</summary>
        public const int CannotRecord = 264;
        /// <summary>"Processing... invoice {0}"</summary>
        public const int ProcessingInvoice = 265;
        /// <summary>"Resending refund {0} ({1})"</summary>
        public const int ResendingRefund = 266;
        /// <summary>"Cannot send to host (link busy or message too long)"</summary>
        public const int CannotSend = 267;
        /// <summary>"Host answer incomplete"</summary>
        public const int HostAnswerIncomplete = 268;
        /// <summary>"{0}: the refund will be resent"</summary>
        public const int RefundWillBeResent = 269;
        /// <summary>"{0}: reversing"</summary>
        public const int Reversing = 270;
        /// <summary>"{0}: transaction will be reversed"</summary>
        public const int WillBeReversed = 271;
        /// <summary>"Refund resend: {0}"</summary>
        public const int RefundResendReason = 272;
        /// <summary>"Refund {0}: {1}"</summary>
        public const int RefundAnswer = 273;
        /// <summary>"Sending reversal of invoice {0} ({1})"</summary>
        public const int SendingReversal = 274;
        /// <summary>"Cannot send the reversal (link busy)"</summary>
        public const int CannotSendReversal = 275;
        /// <summary>"Invoice {0} reversed"</summary>
        public const int InvoiceReversed = 276;
        /// <summary>"{0}: transaction reversed, nothing charged"</summary>
        public const int ReversedNothingCharged = 277;
        /// <summary>"Reversal: {0}"</summary>
        public const int ReversalAnswer = 278;
        /// <summary>"Settling batch {0}..."</summary>
        public const int SettlingBatchProgress = 279;
        /// <summary>"Cannot send the settlement (link busy)"</summary>
        public const int CannotSendSettlement = 280;
        /// <summary>"Settlement not done: {0}. Try again"</summary>
        public const int SettlementNotDone = 281;
        /// <summary>"Settlement answer has no result: try again"</summary>
        public const int SettlementNoResult = 282;
        /// <summary>"Host totals differ: uploading the batch"</summary>
        public const int HostTotalsDiffer = 283;
        /// <summary>"Ending batch upload ({0} sent)"</summary>
        public const int EndingUpload = 284;
        /// <summary>"Batch changed during upload: settle again"</summary>
        public const int BatchChanged = 285;
        /// <summary>"Uploading {0}"</summary>
        public const int Uploading = 286;
        /// <summary>"Cannot send the batch upload (link busy)"</summary>
        public const int CannotSendUpload = 287;
        /// <summary>"Batch upload stopped: {0}. Settle again to resume"</summary>
        public const int UploadStopped = 288;
        /// <summary>"Batch upload not closed: {0}. Settle again"</summary>
        public const int UploadNotClosed = 289;
        /// <summary>"Batch {0} settled, balanced"</summary>
        public const int SettledBalanced = 290;
        /// <summary>"Batch {0} settled after batch upload of {1}"</summary>
        public const int SettledAfterUpload = 291;
        /// <summary>"Journal full: settle now"</summary>
        public const int JournalFull = 292;
        /// <summary>"Journal write failed"</summary>
        public const int JournalWriteFailed = 293;
        /// <summary>"Batch full: settle now"</summary>
        public const int BatchFull = 294;

        /// <summary>First of the section: training mode's menu lines, titles and messages: at most 84 columns (its two menu lines: 29, checked on their own).</summary>
        public const int FirstTraining = 295;

        /// <summary>"TRAINING"</summary>
        public const int TitleTraining = 295;
        /// <summary>"3 Training mode"</summary>
        public const int SetUpMenu3Training = 296;
        /// <summary>"3 Leave training mode"</summary>
        public const int SetUpMenu3LeaveTraining = 297;
        /// <summary>"Sign-in is not needed in training mode"</summary>
        public const int TrainingNoSignIn = 298;
        /// <summary>"Leave training mode first (MENU 0, 3)"</summary>
        public const int LeaveTrainingFirst = 299;
        /// <summary>"Training mode ON: nothing is charged, nothing reaches the host"</summary>
        public const int TrainingOn = 300;
        /// <summary>"Training mode OFF: transactions are real again"</summary>
        public const int TrainingOff = 301;
        /// <summary>"Set up the terminal first"</summary>
        public const int SetUpFirst = 302;
        /// <summary>"Finish the settlement first (MENU 4)"</summary>
        public const int FinishSettlementFirst = 303;
        /// <summary>"Printing: try again when it is done"</summary>
        public const int PrintingTryAgain = 304;

        /// <summary>First of the section: texts added later, on screens: at most 29 columns (or put them in their section and renumber).</summary>
        public const int FirstAdded = 305;

        /// <summary>"4 Manager password"</summary>
        public const int SetUpMenu4 = 305;
        /// <summary>"5 Software update (techn.)"</summary>
        public const int SetUpMenu5 = 306;
        /// <summary>"New password (4-8 digits):"</summary>
        public const int NewPassword = 307;
        /// <summary>"The new password again:"</summary>
        public const int NewPasswordAgain = 308;
        /// <summary>"Manager password changed"</summary>
        public const int PasswordChanged = 309;
        /// <summary>"Not the same: not changed"</summary>
        public const int PasswordsDiffer = 310;
        /// <summary>"4 to 8 digits: not changed"</summary>
        public const int PasswordLength = 311;
        /// <summary>"ITEM SALE"</summary>
        public const int ItemTitle = 312;
        /// <summary>"ENTER ok CLEAR del CANCEL"</summary>
        public const int ItemFooter = 313;
        /// <summary>"TOTAL"</summary>
        public const int ItemTotal = 314;
        /// <summary>"Item code:"</summary>
        public const int ItemCode = 315;
        /// <summary>"Qty {0}:"</summary>
        public const int ItemQuantity = 316;
        /// <summary>"In stock:"</summary>
        public const int ItemInStock = 317;
        /// <summary>"ENTER on empty code: pay"</summary>
        public const int ItemPay = 318;
        /// <summary>"Key an item code"</summary>
        public const int ItemKeyCode = 319;
        /// <summary>"Codes have 6 digits at most"</summary>
        public const int ItemCodeTooLong = 320;
        /// <summary>"999 at most"</summary>
        public const int ItemQuantityTooLong = 321;
        /// <summary>"Quantity must be 1 or more"</summary>
        public const int ItemQuantityZero = 322;
        /// <summary>"Total above CNY 999,999.99"</summary>
        public const int ItemTotalTooLarge = 323;
        /// <summary>"16 items at most per sale"</summary>
        public const int ItemTooMany = 324;
        /// <summary>"999 at most per item"</summary>
        public const int ItemQuantityTooLarge = 325;
        /// <summary>"No catalog: sign in (MENU 8)"</summary>
        public const int ItemNoCatalog = 326;
        /// <summary>"TOP ITEMS BY QUANTITY"</summary>
        public const int ItemTopByQuantity = 327;
        /// <summary>"TOP ITEMS BY AMOUNT"</summary>
        public const int ItemTopByAmount = 328;
        /// <summary>"ITEMS"</summary>
        public const int ItemHeading = 329;
        /// <summary>"Not allowed"</summary>
        public const int ItemNotAllowed = 330;
        /// <summary>"No item {0}"</summary>
        public const int ItemNoSuch = 331;
        /// <summary>"{0}: out of stock"</summary>
        public const int ItemOutOfStock = 332;
        /// <summary>"Only {0} in stock"</summary>
        public const int ItemOnlyLeft = 333;
        /// <summary>"LOW STOCK {0}: {1}"</summary>
        public const int ItemLowStock = 334;
        /// <summary>"Item {0}"</summary>
        public const int ItemUnknown = 335;
        /// <summary>"F2 or DOT: sell by item"</summary>
        public const int ItemSellHint = 336;
        /// <summary>"Top item {0} x{1}"</summary>
        public const int ItemTopOnScreen = 337;
        /// <summary>"Last batch {0}: {1} sales"</summary>
        public const int ItemLastBatch = 338;
        /// <summary>"Allowed by the manager"</summary>
        public const int ItemAllowed = 339;
        /// <summary>"6 Technician password"</summary>
        public const int SetUpMenu6 = 340;
        /// <summary>"Technician password changed"</summary>
        public const int TechnicianPasswordChanged = 341;

        // Per id: English, then Simplified Chinese (Language.English = 0, Language.Chinese = 1).
        private static readonly string[] Table = new string[]
        {
            // Banners, drawn Large (two cells per column): at most 14 columns, so 28 cells with the margin.
            "WELCOME", "欢迎光临", // Welcome
            "APPROVED", "交易成功", // Approved
            // Screen titles, in the inverse bar at the top: at most 28 columns.
            "SETTLED", "结算完成", // TitleSettled
            "SIGNED IN", "签到成功", // TitleSignedIn
            "DECLINED", "交易拒绝", // TitleDeclined
            "NOT COMPLETED", "交易未完成", // TitleNotCompleted
            "DONE", "完成", // TitleDone
            "NOT DONE", "未完成", // TitleNotDone
            "PIN NEEDED", "需要密码", // TitlePinNeeded
            "ENTER PIN", "请输入密码", // TitleEnterPin
            "PROCESSING", "处理中", // TitleProcessing
            "MENU", "菜单", // TitleMenu
            "REPORTS", "报表", // TitleReports
            "SALES ANALYSIS", "销售分析", // TitleSalesAnalysis
            "SET-UP", "设置", // TitleSetUp
            "MANAGER", "主管", // TitleManager
            "TECHNICIAN", "技术员", // TitleTechnician
            "REPRINT", "重打印", // TitleReprint
            "OPERATOR", "操作员", // TitleOperator
            "SET-UP 1/3", "设置 1/3", // TitleSetUp1
            "SET-UP 2/3", "设置 2/3", // TitleSetUp2
            "SET-UP 3/3", "设置 3/3", // TitleSetUp3
            "SETTLEMENT", "结算", // TitleSettlement
            "LANGUAGE / 语言", "语言 / LANGUAGE", // TitleLanguage
            // Screen lines, written from column 1: at most 29 columns (a {0} counted as its three characters).
            "Not set up: MENU 0", "未设置：请按 MENU 0", // NotSetUp
            "Key an amount, then", "请输入金额，然后", // IdleHint1
            "swipe, tap or scan", "刷卡、挥卡或扫码", // IdleHint2
            "Batch {0}  Op {1}", "批次 {0}  操作员 {1}", // IdleBatchOperator
            "Transactions: {0}", "交易笔数：{0}", // IdleCount
            "Not signed in: MENU 8", "未签到：请按 MENU 8", // WarnNotSignedIn
            "Settlement unfinished: MENU 4", "结算未完成：请按 MENU 4", // WarnSettlementUnfinished
            "{0} reversal(s) pending", "{0} 笔冲正待处理", // WarnReversalsPending
            "Journal nearly full: settle", "存储将满：请结算", // WarnJournalNearlyFull
            "Signing in...", "正在签到...", // SigningIn
            "Recovering...", "正在恢复...", // Recovering
            "Timed out: no card", "超时：未刷卡", // TimedOutNoCard
            "Cancelled", "已取消", // Cancelled
            "Please wait...", "请稍候...", // PleaseWait
            "Reprinting last receipt", "重打印上一笔签购单", // ReprintingLast
            "Amount:", "金额：", // AmountPrompt
            "Refund {0}...", "退货 {0}...", // RefundProgress
            "Swipe, tap or scan", "请刷卡、挥卡", // PresentHint1
            "the payment code", "或扫描付款码", // PresentHint2
            "Key the amount first", "请先输入金额", // KeyAmountFirst
            "Card not read: swipe again", "读卡失败：请重新刷卡", // CardNotRead
            "Card unreadable: swipe again", "无法识别此卡：请重新刷卡", // CardNotReadable
            "Card incomplete: tap again", "卡数据不完整：请重新挥卡", // CardDataIncomplete
            "Scan failed: scan again", "扫码失败：请重新扫码", // ScanFailed
            "Not a payment code we accept", "不支持此付款码", // NotAcceptedCode
            "PIN:", "密码：", // PinPrompt
            "PIN has 4 to 12 digits", "密码为 4 至 12 位", // PinTooShort
            "PIN is at most 12 digits", "密码最多 12 位", // PinTooLong
            "PIN cancelled: nothing sent", "已取消：未发送", // PinCancelled
            "Connecting to host...", "正在连接主机...", // ConnectingHost
            "Auth {0}  Inv {1}", "授权码 {0} 凭证号 {1}", // AuthInvoice
            "Customer copy?", "打印持卡人存根？", // CustomerCopyQuestion
            "F1: with e-invoice QR", "F1：带电子发票二维码", // F1EInvoice
            "1 Self-test (technician)", "1 自检 (技术员)", // Menu1
            "2 Void          (manager)", "2 撤销 (主管)", // Menu2
            "3 Refund        (manager)", "3 退货 (主管)", // Menu3
            "4 Settlement    (manager)", "4 结算 (主管)", // Menu4
            "5 Reprint last", "5 重打印上一笔", // Menu5
            "6 Reprint by invoice", "6 按凭证号重打印", // Menu6
            "7 Reports", "7 报表", // Menu7
            "8 Sign in", "8 签到", // Menu8
            "9 Operator log-on", "9 操作员登录", // Menu9
            "0 Set-up        (manager)", "0 设置 (主管)", // Menu0
            "F1 Software update (techn.)", "F1 软件更新 (技术员)", // MenuF1
            "1 Transaction detail", "1 交易明细", // Reports1
            "2 Totals (X report)", "2 交易汇总 (X)", // Reports2
            "3 Last settlement (Z)", "3 上次结算单 (Z)", // Reports3
            "4 Sales analysis", "4 销售分析", // Reports4
            "No printer", "无打印机", // NoPrinter
            "Printing detail report", "正在打印交易明细", // PrintingDetail
            "Printing totals (X) report", "正在打印交易汇总", // PrintingTotals
            "Printing sales analysis", "正在打印销售分析", // PrintingAnalysis
            "No settlement yet", "尚无结算", // NoSettlementYet
            "Reprinting settlement report", "正在重打印结算单", // ReprintingSettlement
            "Batch {0}  {1} sales", "批次 {0}  {1} 笔消费", // AnalysisBatch
            "Busiest hour {0}:00 ({1})", "最忙时段 {0}:00 ({1} 笔)", // BusiestHour
            "Total {0}", "合计 {0}", // TotalAmount
            "Manager password:", "主管密码：", // ManagerPassword
            "Technician password:", "技术员密码：", // TechnicianPassword
            "Locked: try again in {0} min", "已锁定：请 {0} 分钟后再试", // LockedOut
            "Wrong password ({0}/{1})", "密码错误 ({0}/{1})", // WrongPassword
            "Invoice no. (F1: trace no.)", "凭证号 (F1：流水号)：", // VoidPrompt
            "Original reference no.:", "原参考号：", // RefundRrnPrompt
            "F1 after 1-6: A-F", "1-6 后按 F1：A-F", // HexHint
            "Enter {0} digits", "请输入 {0} 位数字", // EnterDigits
            "Enter at least {0} digits", "请至少输入 {0} 位数字", // EnterAtLeastDigits
            "Trace (STAN) number:", "流水号：", // TracePrompt
            "Invoice {0}  {1}", "凭证号 {0}  {1}", // VoidInvoiceLine
            "Void this sale?", "撤销这笔消费？", // VoidConfirm
            "Original date (MMDD):", "原交易日期 (月日)：", // RefundDatePrompt
            "Reprinting invoice {0}", "正在重打印凭证号 {0}", // ReprintingInvoice
            "Operator is 1 to 99", "操作员号为 1 至 99", // OperatorRange
            "Operator {0} logged on", "操作员 {0} 已登录", // OperatorLoggedOn
            "Merchant ID (15 digits):", "商户编号 (15 位)：", // MidPrompt
            "Terminal ID (8 digits):", "终端编号 (8 位)：", // TidPrompt
            "Master key (32 hex):", "主密钥 (32 位十六进制)：", // TmkPrompt
            "MID {0}", "商户 {0}", // SetUpMid
            "TID {0}", "终端 {0}", // SetUpTid
            "Key check value:", "密钥校验值：", // KeyCheckValue
            "Matches the key sheet?", "与密钥单一致吗？", // KeyCheckMatches
            "Batch {0}", "批次 {0}", // SettleBatch
            "Sales   {0}  {1}", "消费 {0} 笔  {1}", // SettleSales
            "Refunds {0}  {1}", "退货 {0} 笔  {1}", // SettleRefunds
            "Voids   {0}", "撤销 {0} 笔", // SettleVoids
            "Net {0}", "净额 {0}", // SettleNet
            "Settle and close batch?", "结算并关闭本批次？", // SettleConfirm
            "Void invoice {0}", "撤销凭证号 {0}", // VoidingInvoice
            "Settling batch {0}", "正在结算批次 {0}", // SettlingBatch
            "Set up. Signing in...", "设置完成，正在签到...", // SetUpSigningIn
            "Nothing to reprint", "无可重打印的签购单", // NothingToReprint
            "Operator number (1-99):", "操作员号 (1-99)：", // OperatorPrompt
            "Invoice number:", "凭证号：", // InvoicePrompt
            "1 Terminal IDs and key", "1 终端参数与密钥", // SetUpMenu1
            "2 Language / 语言", "2 语言 / Language", // SetUpMenu2
            "1 English", "1 English", // LanguageEnglish
            "2 简体中文", "2 简体中文", // LanguageChinese
            "Language: English", "语言：简体中文", // LanguageChanged
            "Key the yuan first", "请先输入元", // KeyYuanFirst
            "Enter an amount", "请输入金额", // EnterAmount
            "Key not used here", "此处不用该键", // KeyNotUsed
            "Maximum is {0}", "最大金额 {0}", // MaximumIs
            "Printer: out of paper", "打印机缺纸", // PrinterOutOfPaper
            "Printer: cover open", "打印机开盖", // PrinterCoverOpen
            // Messages, wrapped over up to three screen lines: at most 84 columns.
            "Timed out: no PIN, nothing sent", "超时：未输入密码，未发送", // TimedOutNoPin
            "Card read failed: {0}", "读卡失败：{0}", // CardReadFailed
            "No PIN key: sign in first (MENU 8)", "无密码密钥：请先签到 (MENU 8)", // NoPinKey
            "Card data lost: present the card again", "卡数据丢失：请重新刷卡或挥卡", // CardDataLost
            "PIN not encrypted (no key): nothing sent", "密码未加密（无密钥）：未发送", // PinNotEncrypted
            "Settle the batch before changing the set-up", "请先结算，再更改终端设置", // SettleBeforeSetUp
            "No invoice {0} in this batch", "本批次无凭证号 {0}", // NoInvoice
            "Invoice {0} was not approved", "凭证号 {0} 的交易未成功", // InvoiceNotApproved
            "Both halves equal: not a double-length key", "两半相同：不是双倍长密钥", // TmkHalvesEqual
            // Footers, in the inverse bar at the bottom: at most 30 columns.
            "MENU: functions  v{0}", "MENU：功能  v{0}", // IdleFooter
            "ENTER ok  CLEAR del  CANCEL", "ENTER确认 CLEAR删除 CANCEL取消", // FooterAmount
            "CANCEL: back", "CANCEL：返回", // FooterBack
            "ENTER ok  CLEAR  CANCEL", "ENTER确认 CLEAR删除 CANCEL取消", // FooterPin
            "Please wait", "请稍候", // FooterWait
            "ENTER yes  CANCEL no", "ENTER是  CANCEL否", // FooterYesNo
            "Any key: continue", "按任意键继续", // FooterContinue
            "ENTER ok  CANCEL back", "ENTER确认  CANCEL返回", // FooterOkBack
            "ENTER void  CANCEL back", "ENTER撤销  CANCEL返回", // FooterVoid
            "ENTER save  CANCEL redo", "ENTER保存  CANCEL重输", // FooterSaveRedo
            "ENTER settle  CANCEL back", "ENTER结算  CANCEL返回", // FooterSettle
            // Names of kinds, channels, entry modes and states, on screens and paper: at most 16 columns.
            "SALE", "消费", // KindSale
            "VOID", "撤销", // KindVoid
            "REFUND", "退货", // KindRefund
            "Card", "银行卡", // ChannelCard
            "WeChat Pay", "微信支付", // ChannelWeChat
            "Alipay", "支付宝", // ChannelAlipay
            "UnionPay QR", "银联二维码", // ChannelUnionPayQr
            "SWIPE", "刷卡", // ModeSwipe
            "CONTACTLESS", "挥卡", // ModeContactless
            "QR CODE", "扫码", // ModeQr
            "REFERENCE", "参考号", // ModeReference
            "PENDING", "处理中", // StatePending
            "APPROVED", "成功", // StateApproved
            "DECLINED", "拒绝", // StateDeclined
            "REVERSAL PENDING", "待冲正", // StateReversalPending
            "REVERSED", "已冲正", // StateReversed
            "VOIDED", "已撤销", // StateVoided
            // Receipt and report lines: at most 32 columns (58 mm paper), or they wrap.
            "POS SALES SLIP", "POS签购单", // SlipTitle
            "MERCHANT COPY", "商户存根", // MerchantCopy
            "CUSTOMER COPY", "持卡人存根", // CustomerCopy
            "REPRINT", "重打印", // ReprintBanner
            "MERCHANT NAME:", "商户名称：", // MerchantNameLabel
            "TYPE:", "交易类型：", // TypeLabel
            "CARD NO:", "卡号：", // CardNoLabel
            "PAY CODE:", "付款码：", // PayCodeLabel
            "AMOUNT:", "金额：", // AmountLabel
            "CNY", "RMB", // Currency
            "CARDHOLDER SIGNATURE:", "持卡人签名：", // SignatureLabel
            "I ACKNOWLEDGE SATISFACTORY", "本人确认以上交易，", // Acknowledge1
            "RECEIPT OF GOODS/SERVICES", "同意将其记入本卡账户", // Acknowledge2
            "SCAN FOR E-INVOICE", "扫码开票", // EInvoiceLabel
            "DETAIL REPORT", "交易明细", // DetailTitle
            "NO TRANSACTIONS", "无交易", // NoTransactions
            "TOTALS REPORT", "交易汇总", // TotalsTitle
            "X REPORT - batch stays open", "X 报表 - 批次未关闭", // XReportNote
            "SETTLEMENT REPORT", "结算单", // SettlementTitle
            "BALANCED", "对账平", // Balanced
            "UNBALANCED - {0} uploaded", "对账不平 - 已批上送 ({0} 笔)", // Unbalanced
            "Z REPORT - batch closed", "Z 报表 - 批次已关闭", // ZReportNote
            "SALES BY CHANNEL", "各渠道消费", // SalesByChannel
            "BY HOUR", "按时段", // ByHour
            "BY CHANNEL", "按渠道", // ByChannel
            "BY OPERATOR", "按操作员", // ByOperator
            "LAST SETTLED BATCH {0}", "上次结算批次 {0}", // LastSettledBatch
            // Receipt labels with a value on the same line: at most 18 columns, so a 13-column value still fits.
            "MID:", "商户编号：", // MidLabel
            "TID:", "终端编号：", // TidLabel
            "OPERATOR:", "操作员：", // OperatorLabel
            "BATCH:", "批次号：", // BatchLabel
            "INVOICE:", "凭证号：", // InvoiceLabel
            "TRACE:", "流水号：", // TraceLabel
            "RRN:", "参考号：", // RrnLabel
            "AUTH:", "授权码：", // AuthLabel
            "DATE:", "日期/时间：", // DateLabel
            "ORIG INVOICE:", "原凭证号：", // OrigInvoiceLabel
            "ORIG RRN:", "原参考号：", // OrigRrnLabel
            "ORIG DATE:", "原交易日期：", // OrigDateLabel
            "PRINTED:", "打印时间：", // PrintedLabel
            "INVOICE TYPE STATE", "凭证号 类型 状态", // DetailHeader1
            "CHANNEL", "渠道", // DetailHeader2
            "CARD/CODE NO", "卡号/付款码", // DetailNumberHeader
            "TRANSACTIONS:", "交易笔数：", // TransactionsLabel
            "NET:", "净额：", // NetLabel
            "TYPE", "类型", // RowType
            "COUNT", "笔数", // RowCount
            "AMOUNT", "金额", // RowAmount
            "DEBIT", "借记", // DebitLabel
            "CREDIT", "贷记", // CreditLabel
            "HOUR", "时段", // RowHour
            "OPERATOR {0}", "操作员 {0}", // OperatorRow
            "SALES", "消费合计", // SalesRow
            // Host response texts (F39), shown in messages: at most 56 columns.
            "Approved", "交易成功", // Response00
            "Refer to card issuer", "请持卡人与发卡行联系", // Response01
            "Invalid merchant", "无效商户", // Response03
            "Pick up card", "没收卡", // Response04
            "Do not honor", "不予承兑", // Response05
            "Invalid transaction", "无效交易", // Response12
            "Invalid amount", "无效金额", // Response13
            "Invalid card number", "无效卡号", // Response14
            "Original not found", "找不到原交易", // Response25
            "Message format error", "报文格式错误", // Response30
            "Function not supported", "不支持的交易", // Response40
            "Lost card", "挂失卡", // Response41
            "Stolen card", "被窃卡", // Response43
            "Insufficient funds", "余额不足", // Response51
            "Card expired", "过期卡", // Response54
            "Wrong PIN", "密码错误", // Response55
            "Not permitted for card", "不允许持卡人进行的交易", // Response57
            "Not permitted for terminal", "不允许此终端进行的交易", // Response58
            "Over amount limit", "超出金额限制", // Response61
            "Amount differs from original", "与原交易金额不符", // Response64
            "PIN tries exceeded", "密码错误次数超限", // Response75
            "Sign in again", "请重新签到", // Response77
            "Issuer unavailable", "发卡行不能操作", // Response91
            "Duplicate transaction", "重复交易", // Response94
            "Reconcile error", "对账不平", // Response95
            "System malfunction", "系统故障", // Response96
            "No answer from issuer", "发卡行无应答", // Response98
            "PIN block error: sign in again", "密码格式错误：请重新签到", // Response99
            "MAC error: sign in again", "MAC 校验错误：请重新签到", // ResponseA0
            "Declined (code {0})", "交易拒绝 (应答码 {0})", // ResponseOther
            // The payment engine's and the store's progress, results and refusals, shown as messages: at most 84 columns.
            "Not provisioned: set up the terminal first", "未设置：请先设置终端", // NotProvisioned
            "Busy", "忙，请稍候", // Busy
            "No such transaction in this batch", "本批次无此交易", // NoSuchTransaction
            "Only a sale can be voided", "只能撤销消费交易", // OnlySaleVoided
            "Already voided", "已撤销", // AlreadyVoided
            "Sale was not approved ({0})", "原消费未成功 ({0})", // SaleNotApproved
            "Sale already partly refunded", "原消费已部分退货", // SalePartlyRefunded
            "Reference number has 12 digits", "参考号为 12 位", // RrnDigits
            "Date is MMDD", "日期格式为月日 (MMDD)", // DateIsMmdd
            "Original sale is {0}", "原消费状态：{0}", // OriginalSaleIs
            "Above original: at most {0}", "超过原交易金额：最多 {0}", // AboveOriginal
            "Not signed in: sign in first (MENU 8)", "未签到：请先签到 (MENU 8)", // NotSignedInSignIn
            "Reversal not answered: try again later", "冲正无应答：请稍后再试", // ReversalNotAnswered
            "Refund resend not answered: try again later", "退货重发无应答：请稍后再试", // ResendNotAnswered
            "Settlement in progress: finish it first (MENU 4)", "结算未完成：请先完成结算 (MENU 4)", // SettlementInProgress
            "Nothing owed to the host", "无待上送交易", // NothingOwed
            "Nothing to do", "无需处理", // NothingToDo
            "Cannot record the transaction", "无法记录交易", // CannotRecord
            "Processing... invoice {0}", "处理中... 凭证号 {0}", // ProcessingInvoice
            "Resending refund {0} ({1})", "重发退货 {0} ({1})", // ResendingRefund
            "Cannot send to host (link busy or message too long)", "无法发送到主机（链路忙或报文过长）", // CannotSend
            "Host answer incomplete", "主机应答不完整", // HostAnswerIncomplete
            "{0}: the refund will be resent", "{0}：退货将重发", // RefundWillBeResent
            "{0}: reversing", "{0}：正在冲正", // Reversing
            "{0}: transaction will be reversed", "{0}：交易将被冲正", // WillBeReversed
            "Refund resend: {0}", "退货重发：{0}", // RefundResendReason
            "Refund {0}: {1}", "退货 {0}：{1}", // RefundAnswer
            "Sending reversal of invoice {0} ({1})", "发送冲正 凭证号 {0} ({1})", // SendingReversal
            "Cannot send the reversal (link busy)", "无法发送冲正（链路忙）", // CannotSendReversal
            "Invoice {0} reversed", "凭证号 {0} 已冲正", // InvoiceReversed
            "{0}: transaction reversed, nothing charged", "{0}：交易已冲正，未扣款", // ReversedNothingCharged
            "Reversal: {0}", "冲正：{0}", // ReversalAnswer
            "Settling batch {0}...", "正在结算批次 {0}...", // SettlingBatchProgress
            "Cannot send the settlement (link busy)", "无法发送结算（链路忙）", // CannotSendSettlement
            "Settlement not done: {0}. Try again", "结算未完成：{0}。请重试", // SettlementNotDone
            "Settlement answer has no result: try again", "结算应答无结果：请重试", // SettlementNoResult
            "Host totals differ: uploading the batch", "对账不平：正在批上送", // HostTotalsDiffer
            "Ending batch upload ({0} sent)", "结束批上送 (已送 {0} 笔)", // EndingUpload
            "Batch changed during upload: settle again", "批上送期间批次有变：请重新结算", // BatchChanged
            "Uploading {0}", "批上送 {0}", // Uploading
            "Cannot send the batch upload (link busy)", "无法发送批上送（链路忙）", // CannotSendUpload
            "Batch upload stopped: {0}. Settle again to resume", "批上送中断：{0}。请重新结算以继续", // UploadStopped
            "Batch upload not closed: {0}. Settle again", "批上送未结束：{0}。请重新结算", // UploadNotClosed
            "Batch {0} settled, balanced", "批次 {0} 结算完成，对账平", // SettledBalanced
            "Batch {0} settled after batch upload of {1}", "批次 {0} 结算完成，已批上送 {1} 笔", // SettledAfterUpload
            "Journal full: settle now", "存储已满：请立即结算", // JournalFull
            "Journal write failed", "存储写入失败", // JournalWriteFailed
            "Batch full: settle now", "批次已满：请立即结算", // BatchFull
            // Training mode's menu lines, titles and messages: at most 84 columns.
            "TRAINING", "培训模式", // TitleTraining
            "3 Training mode", "3 培训模式", // SetUpMenu3Training
            "3 Leave training mode", "3 退出培训模式", // SetUpMenu3LeaveTraining
            "Sign-in is not needed in training mode", "培训模式无需签到", // TrainingNoSignIn
            "Leave training mode first (MENU 0, 3)", "请先退出培训模式 (MENU 0, 3)", // LeaveTrainingFirst
            "Training mode ON: nothing is charged, nothing reaches the host", "培训模式已开启：不扣款，不发送到主机", // TrainingOn
            "Training mode OFF: transactions are real again", "培训模式已关闭：交易恢复为真实交易", // TrainingOff
            "Set up the terminal first", "请先设置终端", // SetUpFirst
            "Finish the settlement first (MENU 4)", "请先完成结算 (MENU 4)", // FinishSettlementFirst
            "Printing: try again when it is done", "正在打印：打印完成后再试", // PrintingTryAgain
            // Added later, on screens: at most 29 columns.
            "4 Manager password", "4 主管密码", // SetUpMenu4
            "5 Software update (techn.)", "5 软件更新 (技术员)", // SetUpMenu5
            "New password (4-8 digits):", "新密码 (4-8位数字)：", // NewPassword
            "The new password again:", "再次输入新密码：", // NewPasswordAgain
            "Manager password changed", "主管密码已修改", // PasswordChanged
            "Not the same: not changed", "两次不一致：未修改", // PasswordsDiffer
            "4 to 8 digits: not changed", "须为4至8位数字：未修改", // PasswordLength
            " ITEM SALE", " 商品销售", // ItemTitle
            "ENTER ok CLEAR del CANCEL", "ENTER确认 CLEAR删除 CANCEL", // ItemFooter
            "TOTAL", "合计", // ItemTotal
            "Item code: ", "商品编码：", // ItemCode
            "Qty {0}: ", "{0} 数量：", // ItemQuantity
            "In stock: ", "库存：", // ItemInStock
            "ENTER on empty code: pay", "空编码按 ENTER：付款", // ItemPay
            "Key an item code", "请输入商品编码", // ItemKeyCode
            "Codes have 6 digits at most", "编码最多6位", // ItemCodeTooLong
            "999 at most", "最多999", // ItemQuantityTooLong
            "Quantity must be 1 or more", "数量至少为1", // ItemQuantityZero
            "Total above CNY 999,999.99", "合计超过 999,999.99 元", // ItemTotalTooLarge
            "16 items at most per sale", "每笔最多16种商品", // ItemTooMany
            "999 at most per item", "每种商品最多999", // ItemQuantityTooLarge
            "No catalog: sign in (MENU 8)", "无商品目录：请签到 (MENU 8)", // ItemNoCatalog
            "TOP ITEMS BY QUANTITY", "热销商品（按数量）", // ItemTopByQuantity
            "TOP ITEMS BY AMOUNT", "热销商品（按金额）", // ItemTopByAmount
            "ITEMS", "商品", // ItemHeading
            "Not allowed", "不允许", // ItemNotAllowed
            "No item {0}", "无此商品 {0}", // ItemNoSuch
            "{0}: out of stock", "{0}：无库存", // ItemOutOfStock
            "Only {0} in stock", "库存仅剩 {0}", // ItemOnlyLeft
            "LOW STOCK {0}: {1}", "库存不足 {0}：{1}", // ItemLowStock
            "Item {0}", "商品 {0}", // ItemUnknown
            "F2 or DOT: sell by item", "F2 或 DOT：按商品销售", // ItemSellHint
            "Top item {0} x{1}", "热销 {0} x{1}", // ItemTopOnScreen
            "Last batch {0}: {1} sales", "上批 {0}：{1} 笔", // ItemLastBatch
            "Allowed by the manager", "主管已允许", // ItemAllowed
            "6 Technician password", "6 技术员密码", // SetUpMenu6
            "Technician password changed", "技术员密码已修改", // TechnicianPasswordChanged
        };

        /// <summary>The text <paramref name="id"/> in <paramref name="language"/> (English for an unknown language).</summary>
        public static string Get(int language, int id)
        {
            int lang = language == Language.Chinese ? 1 : 0;
            return Table[(id * Language.Count) + lang];
        }

        /// <summary>Entries in the table: <see cref="Count"/> times <see cref="Language.Count"/> when it is whole.</summary>
        public static int TableLength => Table.Length;

        /// <summary>Text <paramref name="id"/> with <c>{0}</c> replaced by <paramref name="arg0"/>.</summary>
        public static string Format(int language, int id, string arg0) => Fill(Get(language, id), arg0, string.Empty);

        /// <summary>Text <paramref name="id"/> with <c>{0}</c> and <c>{1}</c> replaced.</summary>
        public static string Format(int language, int id, string arg0, string arg1) => Fill(Get(language, id), arg0, arg1);

        /// <summary>
        /// Columns <paramref name="text"/> takes on the display: two for a wide character (CJK ideographs and
        /// punctuation, full-width forms, the display driver's rule), one otherwise.
        /// </summary>
        public static int Width(string text)
        {
            int width = 0;
            for (int i = 0; i < text.Length; i++)
            {
                width += IsWide(text[i]) ? 2 : 1;
            }

            return width;
        }

        /// <summary>Whether <paramref name="ch"/> takes two display cells (<see cref="Terminal.Hal.DisplayCells"/>).</summary>
        public static bool IsWide(char ch) => Terminal.Hal.DisplayCells.IsWide(ch);

        // One allocation per formatted text (the result): the pieces are copied into a shared buffer under a lock
        // (several terminals may run in one process on the PC), not joined by substring and concatenation.
        private static readonly char[] FillBuffer = new char[512];
        private static readonly object FillGate = new object();

        private static string Fill(string template, string arg0, string arg1)
        {
            if (template.IndexOf('{') < 0)
            {
                return template;
            }

            lock (FillGate)
            {
                int n = 0;
                for (int i = 0; i < template.Length; i++)
                {
                    char c = template[i];
                    if (c == '{' && i + 2 < template.Length && template[i + 2] == '}' && (template[i + 1] == '0' || template[i + 1] == '1'))
                    {
                        string arg = template[i + 1] == '0' ? arg0 : arg1;
                        if (n + arg.Length > FillBuffer.Length)
                        {
                            return template; // a text this long is a bug in its caller; show the template rather than fail
                        }

                        for (int j = 0; j < arg.Length; j++)
                        {
                            FillBuffer[n++] = arg[j];
                        }

                        i += 2;
                        continue;
                    }

                    if (n == FillBuffer.Length)
                    {
                        return template;
                    }

                    FillBuffer[n++] = c;
                }

                return new string(FillBuffer, 0, n);
            }
        }
    }
}
