namespace Terminal.Core.Payments
{
    /// <summary>The words a cashier sees for a host response code (F39), as CUP terminals show them.</summary>
    public static class ResponseText
    {
        /// <summary>Short text for <paramref name="code"/>; unknown codes show the code itself.</summary>
        public static string For(string code)
        {
            switch (code)
            {
                case "00": return "Approved";
                case "01": return "Refer to card issuer";
                case "03": return "Invalid merchant";
                case "04": return "Pick up card";
                case "05": return "Do not honor";
                case "12": return "Invalid transaction";
                case "13": return "Invalid amount";
                case "14": return "Invalid card number";
                case "25": return "Original not found";
                case "30": return "Message format error";
                case "40": return "Function not supported";
                case "41": return "Lost card";
                case "43": return "Stolen card";
                case "51": return "Insufficient funds";
                case "54": return "Card expired";
                case "55": return "Wrong PIN";
                case "57": return "Not permitted for card";
                case "58": return "Not permitted for terminal";
                case "61": return "Over amount limit";
                case "64": return "Amount differs from original";
                case "75": return "PIN tries exceeded";
                case "77": return "Sign in again";
                case "91": return "Issuer unavailable";
                case "94": return "Duplicate transaction";
                case "95": return "Reconcile error";
                case "96": return "System malfunction";
                case "98": return "No answer from issuer";
                case "99": return "PIN block error: sign in again";
                case "A0": return "MAC error: sign in again";
                default: return "Declined (code " + code + ")";
            }
        }
    }
}
