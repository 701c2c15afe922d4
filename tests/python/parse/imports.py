import asyncio
import os.path
import os.path as osp
import a, b as c, d.e
from asyncio import sleep
from asyncio import sleep as nap, gather
from concurrent.futures import (
    ThreadPoolExecutor,
    as_completed as done,
)
from . import sibling
from .. import parent
from .module import thing
from ...pkg.mod import x as y
from .... import deep
from os import *
