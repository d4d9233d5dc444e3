"""The load run's people (see load_run.py): paralegals and attorneys at their desks, and
clients' people in the portal, each on a session of their own, opening the pages they
open every day. Every answer must be the page itself: a redirect (an expired session, a
refusal) or an error counts as a failure.

The plan (session cookies, addresses) comes from the JSON file named by LOAD_RUN_PLAN.
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

PLAN = json.loads(open(os.environ["LOAD_RUN_PLAN"]).read())  # noqa: SIM115


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)  # reading the page before the next click
    side = ""

    def on_start(self) -> None:
        sessions = PLAN["sessions"][self.side]
        self.client.cookies.set("sessionid", sessions[random.randrange(len(sessions))])

    def open(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} for {url}")
            elif PLAN["marker"][self.side] not in r.text:
                r.failure(f"not the expected page: {url}")

    def pick(self, kind: str) -> str:
        return random.choice(PLAN["urls"][kind])


class Staff(Person):
    weight = 1
    side = "staff"

    @task(4)
    def dashboard(self):
        self.open("/", "dashboard")

    @task(6)
    def complaints(self):
        self.open(self.pick("complaint_list"), "complaint list")

    @task(5)
    def complaint(self):
        self.open(self.pick("complaint_detail"), "complaint detail")

    @task(4)
    def deadlines(self):
        self.open(self.pick("deadline_list"), "deadline list")

    @task(2)
    def deadline(self):
        self.open(self.pick("deadline_detail"), "deadline detail")

    @task(3)
    def listings(self):
        self.open(self.pick("listing_list"), "listing list")

    @task(2)
    def listing(self):
        self.open(self.pick("listing_detail"), "listing detail")

    @task(2)
    def counter_notices(self):
        self.open(self.pick("counternotice_list"), "counter-notice queue")

    @task(2)
    def clients(self):
        self.open(self.pick("client_list"), "client list")

    @task(2)
    def client(self):
        self.open(self.pick("client_detail"), "client detail")

    @task(1)
    def notifications(self):
        self.open(self.pick("notification_list"), "notifications")

    @task(1)
    def numbers(self):
        self.open(self.pick("numbers"), "numbers")


class Client(Person):
    weight = 1
    side = "portal"

    @task(4)
    def overview(self):
        self.open("/portal/", "portal overview")

    @task(5)
    def complaints(self):
        self.open(self.pick("portal_complaint_list"), "portal complaints")

    @task(4)
    def complaint(self):
        self.open(self.pick("portal_complaint_detail"), "portal complaint")

    @task(2)
    def rights(self):
        self.open("/portal/rights/", "portal rights")

    @task(2)
    def requests(self):
        self.open("/portal/requests/", "portal requests")

    @task(1)
    def export(self):
        url = "/portal/listings.csv"
        with self.client.get(
            url, name="portal listings CSV", allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code != 200 or not r.text.startswith("complaint,platform,listing"):
                r.failure(f"{r.status_code} for {url}")
