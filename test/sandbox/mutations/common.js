'use strict';

const { second } = require('../clock');

function actorName(app, userId, actor) {
	if (actor) return actor;
	const user = app.store.users.get(userId);
	return user ? `${user.firstName} ${user.lastName}` : 'Someone';
}

// Every change to a loop or what it holds moves its `updated` and leaves an activity line.
function touch(loop, message, now = Date.now()) {
	loop.updated = second(now);
	if (message) loop.activities.push({ message, date: second(now) });
}

function profileEvent(app, type, loop, extra = {}) {
	return app.events.emit(type, { profileId: loop.profileId, event: { id: loop.id, ...extra } });
}

module.exports = { actorName, touch, profileEvent };
