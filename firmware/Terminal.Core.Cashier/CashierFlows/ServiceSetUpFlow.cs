using Terminal.Core.App;
using Terminal.Core.Payments;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.CashierFlows
{
    /// <summary>
    /// Set-up 7, merchant and hotline: shows the merchant's name, the service hotline and contact as the provisioning
    /// file set them; ENTER keys a new hotline (digits), journaled with the rest of the profile as it is. The name
    /// itself comes from the provisioning file (a keypad of digits cannot spell it).
    /// </summary>
    public sealed class ServiceSetUpFlow : Flow
    {
        /// <summary>The set-up of <paramref name="cashier"/>'s merchant profile.</summary>
        public ServiceSetUpFlow(Cashier cashier)
            : base(cashier)
        {
        }

        /// <inheritdoc />
        public override string Problem(int step) => C.Training ? C.T(Texts.LeaveTrainingFirst) : string.Empty;

        /// <inheritdoc />
        public override void Start(int step) => C.Confirm.Ask(this, C.T(Texts.TitleService), C.T(Texts.ServiceFooter));

        /// <inheritdoc />
        public override void DrawConfirmation()
        {
            IDisplay d = C.Display;
            MerchantProfile profile = C.Live.Store.Profile;
            d.Write(2, 1, C.T(Texts.HelpMerchant), TextStyle.Normal);
            d.Write(3, 1, Screens.TextBlock.Shorten(C.MerchantName, d.Columns - 1), TextStyle.Bold);
            d.Write(4, 1, C.T(Texts.NameFromFile), TextStyle.Normal);
            d.Write(6, 1, profile.Hotline.Length > 0 ? C.F(Texts.HelpHotline, profile.Hotline) : C.T(Texts.HelpNoHotline), TextStyle.Normal);
            if (profile.Contact.Length > 0)
            {
                d.Write(7, 1, C.F(Texts.HelpContact, profile.Contact), TextStyle.Normal);
            }
        }

        /// <inheritdoc />
        public override void OnConfirmed() =>
            C.Number.Ask(this, C.T(Texts.TitleService), C.T(Texts.HotlinePrompt), MerchantProfile.MinHotlineDigits, MerchantProfile.MaxHotline, false);

        /// <inheritdoc />
        public override void OnEntered(string text, int value)
        {
            PaymentStore store = C.Live.Store;
            if (!store.SetHotline(text))
            {
                C.ShowMessage(C.T(Texts.TitleService), store.Problem);
                return;
            }

            Start(0);
            C.Status(C.T(Texts.HotlineSaved));
        }

        /// <inheritdoc />
        public override void OnCancelled() => C.GoIdle();
    }
}
