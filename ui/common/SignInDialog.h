#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tandem {

class GatewayConnection;
class MessageBanner;

// Signs in to a gateway with a name and password and hands back the token. Before a password would go to a gateway
// that is neither on this machine nor HTTPS, it says so and asks for an explicit confirmation.
class SignInDialog : public QDialog
{
    Q_OBJECT

public:
    SignInDialog(GatewayConnection *connection, const QString &userName, QWidget *parent = nullptr);

    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *insecureConfirmation() const { return m_confirm; }
    QPushButton *signInButton() const { return m_signIn; }
    MessageBanner *banner() const { return m_banner; }
    QByteArray token() const { return m_token; }
    static bool isInsecure(const QUrl &url);

Q_SIGNALS:
    void signedIn(const QByteArray &token);

private:
    void signIn();
    void updateButton();

    GatewayConnection *m_connection;
    MessageBanner *m_banner;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLabel *m_warning;
    QCheckBox *m_confirm;
    QPushButton *m_signIn;
    QByteArray m_token;
};

} // namespace tandem
