#pragma once

#include <QWidget>

class QLineEdit;
class QTableView;
class QStandardItemModel;

namespace tandem {

// The live table of the user's jobs; the detail pane and the model fed by pushed events build on it.
class JobHistoryTab : public QWidget
{
    Q_OBJECT

public:
    explicit JobHistoryTab(QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }

private:
    QLineEdit *m_filter;
    QTableView *m_view;
    QStandardItemModel *m_model;
};

} // namespace tandem
