#include "common/ConnectDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace tandem {

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_save(new QPushButton(tr("Save profile"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_connect(new QPushButton(tr("Connect"), this))
{
    setWindowTitle(tr("Connect to a gateway"));
    m_url->setPlaceholderText(QStringLiteral("https://gateway.example.org"));
    m_problem->setStyleSheet(QStringLiteral("color: #b01c1c;"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Gateway address:"), m_url);
    form->addRow(tr("User name:"), m_user);
    auto *profileButtons = new QHBoxLayout;
    profileButtons->addWidget(m_save);
    profileButtons->addWidget(m_remove);
    profileButtons->addStretch(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_connect, QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addLayout(profileButtons);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_remove->setEnabled(row >= 0);
        m_connect->setEnabled(row >= 0);
        if (row < 0 || row >= m_profiles.size())
            return;
        m_name->setText(m_profiles[row].name);
        m_url->setText(m_profiles[row].url.toString());
        m_user->setText(m_profiles[row].userName);
    });
    connect(m_save, &QPushButton::clicked, this, &ConnectDialog::saveProfile);
    connect(m_remove, &QPushButton::clicked, this, &ConnectDialog::removeProfile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_connect, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row < 0)
            return;
        ConnectionProfiles::setLastUsed(m_profiles[row].name);
        Q_EMIT connectRequested(m_profiles[row]);
        accept();
    });
    reload();
}

void ConnectDialog::reload()
{
    m_profiles = ConnectionProfiles::load();
    m_list->clear();
    for (const ConnectionProfile &profile : std::as_const(m_profiles))
        m_list->addItem(tr("%1 — %2").arg(profile.name, profile.url.toDisplayString()));
    m_remove->setEnabled(false);
    m_connect->setEnabled(false);
}

void ConnectDialog::saveProfile()
{
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    QString problem;
    if (m_name->text().trimmed().isEmpty())
        problem = tr("Give the profile a name.");
    else if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        problem = tr("The gateway address must be an http:// or https:// address.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty())
        return;
    const ConnectionProfile profile{m_name->text().trimmed(), url, m_user->text().trimmed()};
    bool replaced = false;
    for (ConnectionProfile &existing : m_profiles) {
        if (existing.name == profile.name) {
            existing = profile;
            replaced = true;
        }
    }
    if (!replaced)
        m_profiles.append(profile);
    ConnectionProfiles::save(m_profiles);
    reload();
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles[i].name == profile.name)
            m_list->setCurrentRow(i);
    }
}

void ConnectDialog::removeProfile()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_profiles.removeAt(row);
    ConnectionProfiles::save(m_profiles);
    reload();
}

} // namespace tandem
