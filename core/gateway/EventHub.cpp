#include "gateway/EventHub.h"

#include "gateway/Accounts.h"

namespace tandem::gateway {

bool EventHub::visibleTo(const Event &event, const User &user)
{
    return user.canRead(event.ownerId, event.ownerGroup);
}

} // namespace tandem::gateway
