#include "common/SignInDialog.h"

#include "client/GatewayApi.h"
#include "client/GatewayConnection.h"
#include "common/MessageBanner.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tandem {

SignInDialog::SignInDialog(GatewayConnection *connection, const QString &userName, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_banner(new MessageBanner(this))
    , m_user(new QLineEdit(userName, this))
    , m_password(new QLineEdit(this))
    , m_warning(new QLabel(this))
    , m_confirm(new QCheckBox(tr("Send my password anyway"), this))
    , m_signIn(new QPushButton(tr("Sign in"), this))
{
    setWindowTitle(tr("Sign in to %1").arg(connection->baseUrl().authority()));
    m_password->setEchoMode(QLineEdit::Password);
    m_warning->setWordWrap(true);
    m_warning->setText(tr("This gateway is not on this computer and does not use HTTPS: your password and every job "
                          "would cross the network unencrypted. Ask its administrator for an https:// address."));
    const bool insecure = isInsecure(connection->baseUrl());
    m_warning->setVisible(insecure);
    m_confirm->setVisible(insecure);
    m_signIn->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Gateway:"), new QLabel(connection->baseUrl().toDisplayString(), this));
    form->addRow(tr("User name:"), m_user);
    form->addRow(tr("Password:"), m_password);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_signIn, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_signIn, &QPushButton::clicked, this, &SignInDialog::signIn);
    connect(m_user, &QLineEdit::textChanged, this, &SignInDialog::updateButton);
    connect(m_password, &QLineEdit::textChanged, this, &SignInDialog::updateButton);
    connect(m_confirm, &QCheckBox::toggled, this, &SignInDialog::updateButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_warning);
    layout->addWidget(m_confirm);
    layout->addWidget(buttons);
    updateButton();
    setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    (userName.isEmpty() ? m_user : m_password)->setFocus();
}

bool SignInDialog::isInsecure(const QUrl &url)
{
    const QHostAddress address(url.host());
    const bool local = url.host() == u"localhost" || (!address.isNull() && address.isLoopback());
    return url.scheme() != u"https" && !local;
}

void SignInDialog::updateButton()
{
    const bool confirmed = !isInsecure(m_connection->baseUrl()) || m_confirm->isChecked();
    m_signIn->setEnabled(!m_user->text().trimmed().isEmpty() && !m_password->text().isEmpty() && confirmed);
}

void SignInDialog::signIn()
{
    m_signIn->setEnabled(false);
    AuthApi(*m_connection)
        .signIn(m_user->text().trimmed(), m_password->text(), this, [this](const Result<api::Token> &token) {
            updateButton();
            if (!token) {
                m_banner->showMessage(MessageBanner::Level::Error, token.error().message);
                m_password->selectAll();
                return;
            }
            m_token = token->token.toLatin1();
            m_password->clear();
            Q_EMIT signedIn(m_token);
            accept();
        });
}

} // namespace tandem
