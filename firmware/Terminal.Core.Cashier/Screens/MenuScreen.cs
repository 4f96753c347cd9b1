using Terminal.Core.App;
using Terminal.Core.Ui;
using Terminal.Hal;

namespace Terminal.Core.Screens
{
    /// <summary>
    /// A menu drawn and dispatched from a table of <see cref="MenuRow"/>s: one row per line (rows without a flow are
    /// neither drawn nor chosen); a row's key asks the password of who may use it, then starts its flow.
    /// </summary>
    public sealed class MenuScreen : Screen
    {
        private MenuRow[] _rows = new MenuRow[0];
        private int _title;
        private int _firstRow;

        /// <summary>The menu screen of <paramref name="cashier"/>'s terminal.</summary>
        public MenuScreen(Cashier cashier)
            : base(cashier)
        {
        }

        /// <summary>Shows <paramref name="rows"/> under the title <paramref name="title"/> (a text id), from display row <paramref name="firstRow"/>.</summary>
        public void Open(int title, MenuRow[] rows, int firstRow)
        {
            _title = title;
            _rows = rows;
            _firstRow = firstRow;
            C.Nav.Show(this);
        }

        /// <inheritdoc />
        public override void Draw()
        {
            Title(C.T(_title));
            int row = _firstRow;
            for (int i = 0; i < _rows.Length; i++)
            {
                MenuRow r = _rows[i];
                if (r.Flow != null)
                {
                    Line(row++, C.T(C.Training && r.TrainingText >= 0 ? r.TrainingText : r.Text), TextStyle.Normal);
                }
            }

            Footer(C.T(Texts.FooterBack));
            D.Flush();
        }

        /// <inheritdoc />
        protected override void OnKey(int key)
        {
            if (key == KeyCode.Cancel)
            {
                C.GoIdle();
                return;
            }

            for (int i = 0; i < _rows.Length; i++)
            {
                MenuRow r = _rows[i];
                if (r.Key == key && r.Flow != null)
                {
                    Choose(r);
                    return;
                }
            }
        }

        private void Choose(MenuRow r)
        {
            string problem = r.Flow!.Problem(r.Step);
            if (problem.Length > 0)
            {
                C.ShowMessage(C.T(C.Training ? Texts.TitleTraining : _title), problem);
                return;
            }

            if (r.Who == Access.Manager)
            {
                C.Password.Check(C.Manager, r.Flow, r.Step, string.Empty);
            }
            else if (r.Who == Access.Technician && C.Technician != null)
            {
                C.Password.Check(C.Technician, r.Flow, r.Step, string.Empty);
            }
            else if (r.Who == Access.Anyone)
            {
                r.Flow.Start(r.Step);
            }
        }
    }
}
